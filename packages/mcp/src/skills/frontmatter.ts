// A SKILL.md's frontmatter verbatim as JSON (SEP-2640 asks for every field as the author wrote it).
import { parseYamlDocument } from "@skillflow/workflow";

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Top-level `key: value` lines whose plain value holds `: `, double-quoted: the same leniency
 * skill discovery applies (and agents do), so a skill that loads also has a frontmatter here.
 */
function quoteColonValues(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const match = /^([A-Za-z_][\w-]*):[ \t]+(.*\S)[ \t]*$/.exec(line);
      if (!match) return line;
      const value = match[2]!;
      if (/^["'[{|>&*!%@`#]/.test(value) || !/:(?:\s|$)/.test(value)) return line;
      return `${match[1]}: ${JSON.stringify(value)}`;
    })
    .join("\n");
}

function parse(text: string): Record<string, unknown> | undefined {
  const doc = parseYamlDocument(text);
  if (doc.errors.length > 0) return undefined;
  // Through JSON: dates become strings, anything YAML-only becomes what a JSON client sees.
  const value = JSON.parse(JSON.stringify(doc.toJS() ?? {})) as unknown;
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The frontmatter of SKILL.md `text` as a JSON object, or undefined when it has none that parses. */
export function frontmatterOf(text: string): Record<string, unknown> | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  if (!FENCE.test(lines[0] ?? "")) return undefined;
  const end = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (end < 0) return undefined;
  const yaml = lines.slice(1, end).join("\n");
  return parse(yaml) ?? parse(quoteColonValues(yaml));
}
