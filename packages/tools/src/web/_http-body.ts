// Response bodies and headers of the `http` tool as data: JSON parsed, text decoded, binary base64.
import type { Headers } from "undici";
import { REDACTED, SECRET_HEADERS } from "../secrets.js";
import { ToolError } from "../tool.js";
import { decodeText, mediaType } from "./_body.js";

/** How `body` in an `http` output is represented. */
export type BodyEncoding = "json" | "text" | "base64";

/** A parsed response body. */
export interface ParsedBody {
  body: unknown;
  bodyEncoding: BodyEncoding;
}

const TEXT_TYPES = new Set([
  "application/javascript",
  "application/ecmascript",
  "application/xml",
  "application/x-www-form-urlencoded",
  "application/yaml",
  "application/x-yaml",
  "application/graphql",
]);

function isJsonType(type: string): boolean {
  return type === "application/json" || type === "text/json" || type.endsWith("+json");
}

function isTextType(type: string): boolean {
  return type.startsWith("text/") || type.endsWith("+xml") || TEXT_TYPES.has(type);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The body by content type: JSON types parsed (an empty body is `null`; invalid JSON is an
 * INVALID_OUTPUT error), text types decoded, anything else base64 — except an untyped body that
 * is valid UTF-8, which is text.
 */
export function parseBody(bytes: Uint8Array, contentType: string): ParsedBody {
  const type = mediaType(contentType);
  if (isJsonType(type)) {
    const text = decodeText(bytes, contentType);
    if (text.trim() === "") return { body: null, bodyEncoding: "json" };
    try {
      return { body: JSON.parse(text) as unknown, bodyEncoding: "json" };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ToolError(
        "INVALID_OUTPUT",
        `Response declared ${type} but is not valid JSON: ${reason}`,
      );
    }
  }
  if (isTextType(type) || (type === "" && isUtf8(bytes))) {
    return { body: decodeText(bytes, contentType), bodyEncoding: "text" };
  }
  return { body: Buffer.from(bytes).toString("base64"), bodyEncoding: "base64" };
}

/** Response headers as a plain object; repeated headers joined, secret ones (Set-Cookie) hidden. */
export function headerRecord(headers: Headers): Record<string, string> {
  const joined = new Map<string, string>();
  for (const [name, value] of headers) {
    const shown = SECRET_HEADERS.has(name) ? REDACTED : value;
    const previous = joined.get(name);
    joined.set(
      name,
      previous === undefined || previous === shown ? shown : `${previous}, ${shown}`,
    );
  }
  // Object.fromEntries defines own properties: a header named "__proto__" stays data.
  return Object.fromEntries(joined);
}
