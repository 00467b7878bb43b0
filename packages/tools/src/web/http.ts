// The `http` tool for JSON APIs: query and JSON body in, status, headers and parsed body out.
import { ToolError, type ToolDefinition, defineTool } from "../tool.js";
import {
  acceptErrorStatusSchema,
  headersSchema,
  methodSchema,
  normalizeMethod,
  urlSchema,
} from "./_args.js";
import { type BodyEncoding, headerRecord, parseBody } from "./_http-body.js";
import { type QueryValue, type RequestSettings, sendRequest, statusError } from "./request.js";

/** Arguments of `http`. */
export type HttpInput = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  query?: Record<string, QueryValue | QueryValue[]>;
  /** Any JSON value, sent as `application/json` (a string is sent as a JSON string). */
  body?: unknown;
  timeoutMs?: number;
  acceptErrorStatus?: boolean;
};

/** Output of `http`: 2xx responses produce one, and any status with `acceptErrorStatus`. */
export type HttpOutput = {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  bodyEncoding: BodyEncoding;
};

const scalar = { type: ["string", "number", "boolean"] };
const MAX_TIMEOUT_MS = 600_000;

function jsonBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  const text = JSON.stringify(body);
  if (text === undefined) throw new ToolError("INVALID_ARGUMENTS", "body is not JSON-serializable");
  return text;
}

/** Defines `http` over the given request settings. */
export function httpTool(settings: RequestSettings): ToolDefinition<HttpInput, HttpOutput> {
  return defineTool<HttpInput, HttpOutput>({
    name: "http",
    description:
      "Call a JSON HTTP API: method, headers, query and a JSON body; returns status, headers " +
      "and the body parsed by content type (JSON → value, text → string, other → base64). " +
      "A status outside 2xx fails with HTTP_STATUS (retryable for 429 and 5xx) unless " +
      "acceptErrorStatus is true.",
    inputSchema: {
      type: "object",
      properties: {
        url: urlSchema,
        method: methodSchema,
        headers: headersSchema,
        query: {
          type: "object",
          additionalProperties: { anyOf: [scalar, { type: "array", items: scalar }] },
          description: "Query parameters appended to the URL; an array repeats the parameter",
        },
        body: { description: "A JSON value sent as application/json" },
        timeoutMs: {
          type: "integer",
          minimum: 1,
          maximum: MAX_TIMEOUT_MS,
          description: "Timeout of this call in milliseconds (default: the tool set's)",
        },
        acceptErrorStatus: acceptErrorStatusSchema,
      },
      required: ["url"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: {
        status: { type: "integer" },
        headers: { type: "object", additionalProperties: { type: "string" } },
        body: { description: "Parsed JSON, text, or base64 (see bodyEncoding)" },
        bodyEncoding: { type: "string", enum: ["json", "text", "base64"] },
      },
      required: ["status", "headers", "body", "bodyEncoding"],
    },
    run: async (args, context) => {
      const body = jsonBody(args.body);
      const response = await sendRequest(
        {
          url: args.url,
          method: normalizeMethod(args.method),
          defaultHeaders: {
            accept: "application/json, text/plain;q=0.9, */*;q=0.5",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(args.headers === undefined ? {} : { headers: args.headers }),
          ...(args.query === undefined ? {} : { query: args.query }),
          ...(body === undefined ? {} : { body }),
          ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
        },
        settings,
        context.signal,
      );
      if ((response.status < 200 || response.status > 299) && args.acceptErrorStatus !== true) {
        throw statusError(response);
      }
      const parsed = parseBody(response.body, response.contentType);
      const output: HttpOutput = {
        status: response.status,
        headers: headerRecord(response.headers),
        ...parsed,
      };
      return response.redactor.redactValue(output);
    },
  });
}
