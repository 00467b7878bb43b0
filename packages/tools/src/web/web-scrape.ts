// The `web_scrape` tool: the trimmed text of every element matching each named CSS selector.
import { type CheerioAPI, load } from "cheerio";
import { ToolError, type ToolDefinition, defineTool } from "../tool.js";
import { acceptErrorStatusSchema, headersSchema, urlSchema } from "./_args.js";
import { decodeText } from "./_body.js";
import { type RequestSettings, isErrorStatus, sendRequest, statusError } from "./request.js";

/** Arguments of `web_scrape`: `selectors` maps result names to CSS selectors. */
export type WebScrapeInput = {
  url: string;
  selectors: Record<string, string>;
  headers?: Record<string, string>;
  acceptErrorStatus?: boolean;
};

/** Output of `web_scrape`: for each selector name, the non-empty trimmed texts of its matches. */
export type WebScrapeOutput = { status: number; results: Record<string, string[]> };

const ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

function select($: CheerioAPI, name: string, selector: string): string[] {
  try {
    return $(selector)
      .toArray()
      .map((element) => $(element).text().trim())
      .filter((text) => text !== "");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError("INVALID_ARGUMENTS", `Invalid CSS selector for "${name}": ${reason}`);
  }
}

function scrape(html: string, selectors: Record<string, string>): Record<string, string[]> {
  const $ = load(html);
  // Object.fromEntries defines own properties, so a selector named "__proto__" stays data.
  return Object.fromEntries(
    Object.entries(selectors).map(([name, selector]) => [name, select($, name, selector)]),
  );
}

/** Defines `web_scrape` over the given request settings. */
export function webScrapeTool(
  settings: RequestSettings,
): ToolDefinition<WebScrapeInput, WebScrapeOutput> {
  return defineTool<WebScrapeInput, WebScrapeOutput>({
    name: "web_scrape",
    description:
      "Fetch an HTML page and extract the text of elements matching CSS selectors: " +
      "results maps each selector name to the trimmed, non-empty texts of its matches. A status " +
      "of 400 or more fails (retryable for 429 and 5xx) unless acceptErrorStatus is true.",
    inputSchema: {
      type: "object",
      properties: {
        url: urlSchema,
        selectors: {
          type: "object",
          additionalProperties: { type: "string" },
          description: 'Result names mapped to CSS selectors, e.g. { "titles": "h2 a" }',
        },
        headers: headersSchema,
        acceptErrorStatus: acceptErrorStatusSchema,
      },
      required: ["url", "selectors"],
    },
    outputSchema: {
      type: "object",
      properties: {
        status: { type: "integer" },
        results: {
          type: "object",
          additionalProperties: { type: "array", items: { type: "string" } },
        },
      },
      required: ["status", "results"],
    },
    run: async (args, context) => {
      // Selectors are checked before the request, so a typo costs no network round trip.
      scrape("", args.selectors);
      const response = await sendRequest(
        {
          url: args.url,
          defaultHeaders: { accept: ACCEPT },
          ...(args.headers === undefined ? {} : { headers: args.headers }),
        },
        settings,
        context.signal,
      );
      if (isErrorStatus(response.status) && args.acceptErrorStatus !== true) {
        throw statusError(response);
      }
      const html = decodeText(response.body, response.contentType);
      const output: WebScrapeOutput = {
        status: response.status,
        results: scrape(html, args.selectors),
      };
      return response.redactor.redactValue(output);
    },
  });
}
