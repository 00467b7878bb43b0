// How a skill file goes over MCP: its media type, and text when its bytes are UTF-8, else base64.
import path from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".txt": "text/plain",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
  ".toml": "application/toml",
  ".csv": "text/csv",
  ".html": "text/html",
  ".css": "text/css",
  ".xml": "application/xml",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".ts": "text/x-typescript",
  ".py": "text/x-python",
  ".sh": "application/x-sh",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
};

// fatal: bytes that are not UTF-8 go as a blob; ignoreBOM: the text keeps a BOM, so its bytes
// (and the digest a host recomputes from them) stay the file's.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Types served as a blob even when their bytes happen to decode as UTF-8. */
const BINARY_TYPES = /^(?:image\/(?!svg)|application\/(?:pdf|zip))/;

/** The file's text when its bytes are valid UTF-8, else undefined. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The media type of a skill file by its extension alone, or undefined for an unknown one. */
export const mimeTypeByName = (file: string): string | undefined =>
  TYPES[path.extname(file).toLowerCase()];

/** The media type of a skill file by its extension; unknown ones by their content. */
export function mimeTypeOf(file: string, text: string | undefined): string {
  const known = mimeTypeByName(file);
  if (known !== undefined) return known;
  return text === undefined ? "application/octet-stream" : "text/plain";
}

/** The `contents` entry of `resources/read`: text for UTF-8 text files, base64 `blob` otherwise. */
export function resourceContents(
  uri: string,
  file: string,
  bytes: Buffer,
):
  | { uri: string; mimeType: string; text: string }
  | { uri: string; mimeType: string; blob: string } {
  const text = utf8Text(bytes);
  const mimeType = mimeTypeOf(file, text);
  if (text !== undefined && !BINARY_TYPES.test(mimeType)) return { uri, mimeType, text };
  return { uri, mimeType, blob: bytes.toString("base64") };
}
