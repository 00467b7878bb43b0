// A small .env reader: KEY=VALUE lines, `export` prefixes, quotes and comments; nothing is expanded.
import { readSettingsFile } from "../settings-file.js";
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

/** Parses .env text into variables in file order; malformed lines are ignored, later lines win. */
export function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (match?.[1] !== undefined) vars.set(match[1], unquote(match[2] ?? ""));
  }
  return vars;
}

/** The variables of `.env` in `cwd`; none when there is no such file. */
export async function readDotenv(cwd: string): Promise<Map<string, string>> {
  const text = await readSettingsFile(path.join(cwd, ".env"));
  return text === undefined ? new Map() : parseDotenv(text);
}

/** `vars` filled in under `env`: the existing variables win. */
export function environmentWith(
  vars: ReadonlyMap<string, string>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = Object.create(null) as Record<
    string,
    string | undefined
  >;
  for (const [key, value] of vars) merged[key] = value;
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
