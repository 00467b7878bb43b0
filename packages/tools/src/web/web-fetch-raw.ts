// The `web_fetch_raw` tool: any method, the body as text, and the status (400 and above fail unless accepted).
import { type ToolDefinition, defineTool } from "../tool.js";
import {
  acceptErrorStatusSchema,
  headersSchema,
  methodSchema,
  normalizeMethod,
  urlSchema,
} from "./_args.js";
import { decodeText } from "./_body.js";
import { type RequestSettings, isErrorStatus, sendRequest, statusError } from "./request.js";

/** Arguments of `web_fetch_raw`. */
export type WebFetchRawInput = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  acceptErrorStatus?: boolean;
};

/** Output of `web_fetch_raw`: the untransformed body as text with its status. */
export type WebFetchRawOutput = {
  content: string;
  url: string;
  contentType: string;
  status: number;
};

/** Defines `web_fetch_raw` over the given request settings. */
export function webFetchRawTool(
  settings: RequestSettings,
): ToolDefinition<WebFetchRawInput, WebFetchRawOutput> {
  return defineTool<WebFetchRawInput, WebFetchRawOutput>({
    name: "web_fetch_raw",
    description:
      "Send an HTTP request and return the raw response body as text with its status and " +
      "content type (no HTML conversion). A status of 400 or more fails (retryable for 429 and " +
      "5xx) unless acceptErrorStatus is true; other statuses are returned.",
    inputSchema: {
      type: "object",
      properties: {
        url: urlSchema,
        method: methodSchema,
        headers: headersSchema,
        body: { type: "string", description: "Request body (not with GET or HEAD)" },
        acceptErrorStatus: acceptErrorStatusSchema,
      },
      required: ["url"],
    },
    outputSchema: {
      type: "object",
      properties: {
        content: { type: "string" },
        url: { type: "string", description: "The final URL after redirects" },
        contentType: { type: "string" },
        status: { type: "integer" },
      },
      required: ["content", "url", "contentType", "status"],
    },
    run: async (args, context) => {
      const response = await sendRequest(
        {
          url: args.url,
          method: normalizeMethod(args.method),
          ...(args.headers === undefined ? {} : { headers: args.headers }),
          ...(args.body === undefined ? {} : { body: args.body }),
        },
        settings,
        context.signal,
      );
      if (isErrorStatus(response.status) && args.acceptErrorStatus !== true) {
        throw statusError(response);
      }
      const output: WebFetchRawOutput = {
        content: decodeText(response.body, response.contentType),
        url: response.url,
        contentType: response.contentType,
        status: response.status,
      };
      return response.redactor.redactValue(output);
    },
  });
}
