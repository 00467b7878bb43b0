// The `web_fetch` tool: a page reduced to its readable article, as Markdown or plain text.
import { type ToolDefinition, defineTool } from "../tool.js";
import { type ExtractMode, extractArticle } from "./_article.js";
import { acceptErrorStatusSchema, urlSchema } from "./_args.js";
import { decodeText, isHtmlType, mediaType } from "./_body.js";
import { type RequestSettings, sendRequest, statusError } from "./request.js";

/** Arguments of `web_fetch`. */
export type WebFetchInput = { url: string; extract?: ExtractMode; acceptErrorStatus?: boolean };

/** Output of `web_fetch`: `url` is the final URL after redirects; `status` its HTTP status. */
export type WebFetchOutput = { content: string; title?: string; url: string; status: number };

const ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

function looksLikeHtml(contentType: string, text: string): boolean {
  const type = mediaType(contentType);
  return isHtmlType(type) || (type === "" && /^\s*<(?:!doctype\s+html|html[\s>])/i.test(text));
}

/** Defines `web_fetch` over the given request settings. */
export function webFetchTool(
  settings: RequestSettings,
): ToolDefinition<WebFetchInput, WebFetchOutput> {
  return defineTool<WebFetchInput, WebFetchOutput>({
    name: "web_fetch",
    description:
      "Fetch a URL and return its readable content: HTML pages are reduced to the main article " +
      "as Markdown (default) or plain text; other bodies are returned as text. A status outside " +
      "2xx fails (retryable for 429 and 5xx) unless acceptErrorStatus is true.",
    inputSchema: {
      type: "object",
      properties: {
        url: urlSchema,
        extract: {
          type: "string",
          enum: ["markdown", "text"],
          description: "Output format (default: markdown)",
        },
        acceptErrorStatus: acceptErrorStatusSchema,
      },
      required: ["url"],
    },
    outputSchema: {
      type: "object",
      properties: {
        content: { type: "string" },
        title: { type: "string" },
        url: { type: "string", description: "The final URL after redirects" },
        status: { type: "integer", description: "The HTTP status of the final response" },
      },
      required: ["content", "url", "status"],
    },
    run: async (args, context) => {
      const response = await sendRequest(
        { url: args.url, defaultHeaders: { accept: ACCEPT } },
        settings,
        context.signal,
      );
      const { status } = response;
      if ((status < 200 || status > 299) && args.acceptErrorStatus !== true) {
        throw statusError(response);
      }
      const text = decodeText(response.body, response.contentType);
      const { url } = response;
      const output: WebFetchOutput = looksLikeHtml(response.contentType, text)
        ? { ...extractArticle(text, url, args.extract ?? "markdown"), url, status }
        : { content: text, url, status };
      return response.redactor.redactValue(output);
    },
  });
}
