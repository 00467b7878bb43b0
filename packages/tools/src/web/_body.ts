// Response bodies: read a stream up to a byte cap, and decode bytes to text by their charset.

/** Thrown by `readCapped` when the body grows past the cap; the caller turns it into TOO_LARGE. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** Reads the whole stream, cancelling it (and throwing `BodyTooLarge`) once it passes `limit`. */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** The media type of a Content-Type value, lower-cased and without parameters. */
export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Whether a media type is HTML. */
export function isHtmlType(type: string): boolean {
  return type === "text/html" || type === "application/xhtml+xml";
}

function declaredCharset(contentType: string, bytes: Uint8Array): string | undefined {
  const header = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (header !== undefined || !isHtmlType(mediaType(contentType))) return header;
  // HTML may declare its charset in a <meta> within the first 1024 bytes instead.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}

/** The body as text, decoded with the declared charset (UTF-8 when absent or unknown). */
export function decodeText(bytes: Uint8Array, contentType: string): string {
  const charset = declaredCharset(contentType, bytes);
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    // An unknown charset label: decode as UTF-8 rather than fail the whole request.
    return new TextDecoder("utf-8").decode(bytes);
  }
}
