// A small .env reader: KEY=VALUE lines, `export` prefixes, quotes and comments; nothing is expanded.
import { readFile } from "node:fs/promises";
import path from "node:path";

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    if (end > 0) {
      const inner = value.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1") : inner;
    }
  }
  // Unquoted: a `#` after whitespace starts a comment.
  return value.replace(/\s+#.*$/, "");
}

/** Parses .env text into variables; malformed lines are ignored, later lines win. */
export function parseDotenv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (match?.[1] !== undefined) vars[match[1]] = unquote(match[2] ?? "");
  }
  return vars;
}

/** The environment tools see: `.env` of `cwd` filled in under the existing variables (they win). */
export async function environmentWithDotenv(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string | undefined>> {
  let text: string;
  try {
    text = await readFile(path.join(cwd, ".env"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ...env };
    throw error;
  }
  const merged: Record<string, string | undefined> = { ...parseDotenv(text) };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
