// Reads a request body with a size limit, and parses JSON bodies with errors that say what is wrong.
import { ApiError } from "./errors.js";

/** Reads the whole body as bytes, refusing (413 BODY_TOO_LARGE) beyond `maxBytes` without buffering more. */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = (): ApiError =>
    new ApiError(
      413,
      "BODY_TOO_LARGE",
      `The request body is larger than ${maxBytes} bytes; send a smaller body.`,
      { maxBytes },
    );
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();
  if (request.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Parses a JSON body; an empty body is `undefined`. Refuses bad UTF-8 or JSON with 400 INVALID_JSON. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "INVALID_JSON", "The request body is not valid UTF-8; send JSON text.");
  }
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(400, "INVALID_JSON", `The request body is not valid JSON: ${reason}.`);
  }
}
