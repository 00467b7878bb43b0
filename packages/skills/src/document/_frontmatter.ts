// Splits a SKILL.md into its frontmatter text and body, and parses the frontmatter leniently.
import { parseYamlDocument } from "@skillflow/workflow";
import { LineCounter, isMap, isScalar, type Node } from "yaml";
import type { SkillDiagnostic } from "./diagnostics.js";

/** Where a value sits in the file (1-based). */
export interface Place {
  line: number;
  column: number;
}

/** The frontmatter's top-level fields with their places, or why there are none. */
export interface SplitDocument {
  /** Top-level fields in order; undefined when the frontmatter is missing or broken. */
  fields: Map<string, { value: unknown; keyAt: Place; valueAt: Place }> | undefined;
  body: string;
  /** 1-based line of the body's first line. */
  bodyLine: number;
  diagnostics: SkillDiagnostic[];
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** Splits the lines of `text` (any line ending). */
function lines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * Top-level `key: value` lines whose plain value holds `: ` (which YAML reads as a nested mapping),
 * rewritten with the value double-quoted, as agents do when they load such files.
 */
function quoteColonValues(yamlText: string): {
  text: string;
  changed: { index: number; column: number }[];
} {
  const changed: { index: number; column: number }[] = [];
  const out = lines(yamlText).map((line, index) => {
    const match = /^([A-Za-z_][\w-]*):[ \t]+(.*\S)[ \t]*$/.exec(line);
    if (!match) return line;
    const value = match[2]!;
    if (/^["'[{|>&*!%@`#]/.test(value) || !/:(?:\s|$)/.test(value)) return line;
    changed.push({ index, column: line.indexOf(value, match[1]!.length + 1) + 1 });
    return `${match[1]}: ${JSON.stringify(value)}`;
  });
  return { text: out.join("\n"), changed };
}

function placeOf(counter: LineCounter, node: Node | null | undefined, lineOffset: number): Place {
  const offset = node?.range?.[0] ?? 0;
  const pos = counter.linePos(offset);
  return { line: pos.line + lineOffset, column: pos.col };
}

function parseYaml(text: string, lineOffset: number, file: string) {
  const counter = new LineCounter();
  const doc = parseYamlDocument(text, { lineCounter: counter });
  const errors: SkillDiagnostic[] = doc.errors.map((e) => {
    const pos = counter.linePos(e.pos[0]);
    return {
      code: "INVALID_YAML",
      severity: "error",
      message: `frontmatter is not valid YAML: ${e.message.split("\n")[0] ?? e.code}`,
      file,
      line: pos.line + lineOffset,
      column: pos.col,
    };
  });
  return { doc, counter, errors };
}

type Fields = Map<string, { value: unknown; keyAt: Place; valueAt: Place }>;

/** A plain value the fast path may take as a string: nothing YAML would read otherwise. */
const PLAIN = /^[^\s"'[\]{}|>&*!%@`#,?:~-][^#]*$/;
const NOT_A_STRING = /^(?:[-+.]?\d|true$|false$|null$|yes$|no$|on$|off$|y$|n$|\.)/i;

/**
 * Frontmatter made only of one-line `key: plain text` pairs (most SKILL.md files) read without the
 * YAML parser, with the same result; anything else returns undefined and goes through `yaml`.
 */
function fastFields(yamlLines: readonly string[]): Fields | undefined {
  const fields: Fields = new Map();
  for (let i = 0; i < yamlLines.length; i++) {
    const line = yamlLines[i]!;
    if (line.trim() === "") continue;
    const colon = line.indexOf(": ");
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon);
    if (!/^[A-Za-z_][\w-]*$/.test(key) || fields.has(key)) return undefined;
    const raw = line.slice(colon + 2);
    const value = raw.trim();
    if (!PLAIN.test(value) || value.includes(": ") || value.endsWith(":") || / #/.test(value))
      return undefined;
    if (NOT_A_STRING.test(value) && value !== "true" && value !== "false") return undefined;
    const place = { line: i + 2, column: colon + 3 + (raw.length - raw.trimStart().length) };
    fields.set(key, {
      value: value === "true" ? true : value === "false" ? false : value,
      keyAt: { line: i + 2, column: 1 },
      valueAt: place,
    });
  }
  return fields;
}

/** Splits and parses; `file` names the document in diagnostics. `fast: false` always uses `yaml`. */
export function splitDocument(text: string, file: string, fast = true): SplitDocument {
  const all = lines(text.replace(/^\uFEFF/, ""));
  const at = (line: number, column = 1) => ({ file, line, column });
  if (!FENCE.test(all[0] ?? "")) {
    return {
      fields: undefined,
      body: all.join("\n"),
      bodyLine: 1,
      diagnostics: [
        {
          code: "NO_FRONTMATTER",
          severity: "error",
          message: "SKILL.md must start with YAML frontmatter between --- lines",
          ...at(1),
        },
      ],
    };
  }
  const end = all.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (end < 0) {
    return {
      fields: undefined,
      body: "",
      bodyLine: all.length + 1,
      diagnostics: [
        {
          code: "UNCLOSED_FRONTMATTER",
          severity: "error",
          message: "the frontmatter opened on line 1 is never closed with ---",
          ...at(1),
        },
      ],
    };
  }
  const body = all.slice(end + 1).join("\n");
  const bodyLine = end + 2;
  const quick = fast ? fastFields(all.slice(1, end)) : undefined;
  if (quick) return { fields: quick, body, bodyLine, diagnostics: [] };
  const yamlText = all.slice(1, end).join("\n");
  const diagnostics: SkillDiagnostic[] = [];
  let parsed = parseYaml(yamlText, 1, file);
  if (parsed.errors.length > 0) {
    const retry = quoteColonValues(yamlText);
    const second = retry.changed.length > 0 ? parseYaml(retry.text, 1, file) : undefined;
    if (second && second.errors.length === 0) {
      parsed = second;
      for (const { index, column } of retry.changed)
        diagnostics.push({
          code: "UNQUOTED_COLON",
          severity: "warning",
          message: 'value contains ": " and should be quoted; read as a quoted string',
          ...at(index + 2, column),
        });
    } else {
      return { fields: undefined, body, bodyLine, diagnostics: parsed.errors };
    }
  }
  const { doc, counter } = parsed;
  if (doc.contents === null) return { fields: new Map(), body, bodyLine, diagnostics };
  if (!isMap(doc.contents)) {
    diagnostics.push({
      code: "FRONTMATTER_NOT_MAPPING",
      severity: "error",
      message: "the frontmatter must be a mapping of fields",
      ...at(2),
    });
    return { fields: undefined, body, bodyLine, diagnostics };
  }
  const fields: Fields = new Map();
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const valueNode = pair.value as Node | null;
    fields.set(name, {
      value: valueNode === null ? null : (valueNode.toJSON() as unknown),
      keyAt: placeOf(counter, keyNode, 1),
      valueAt: valueNode ? placeOf(counter, valueNode, 1) : placeOf(counter, keyNode, 1),
    });
  }
  return { fields, body, bodyLine, diagnostics };
}
