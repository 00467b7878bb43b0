// SKILL.md frontmatter: where it is (§1.3 step 3), what it holds, and whether it is valid.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceText } from "./_text.js";
import { locateNearest } from "./source-map.js";
import { parseYaml } from "./yaml.js";

/** Where the frontmatter sits in the normalised content. */
export interface FrontmatterSpan {
  /** The YAML between the two `---` delimiters. */
  raw: string;
  /** Offset of `raw` in the normalised content. */
  start: number;
  /** Offset just after the line holding the closing `---` (where a bare-YAML remainder begins). */
  end: number;
}

/** Frontmatter read from a document. */
export interface Frontmatter extends FrontmatterSpan {
  /** The parsed mapping, when the YAML is valid and is a mapping. */
  data?: Record<string, unknown>;
  /** Set only when the frontmatter is valid (§1.3 "Frontmatter validity"). */
  name?: string;
  /** Set only when the frontmatter is valid. */
  description?: string;
  /** Why the frontmatter is invalid: YAML errors (`Invalid frontmatter YAML: …`) or INVALID_FRONTMATTER. */
  problems: Diagnostic[];
  /** True when `problems` are YAML errors rather than missing or malformed fields. */
  yamlError: boolean;
}

/** Finds frontmatter: content starting with `---` LF, closed by the first later LF + `---`. */
export function findFrontmatter(text: string): FrontmatterSpan | undefined {
  if (!text.startsWith("---\n")) return undefined;
  const close = text.indexOf("\n---", 4);
  if (close === -1) return undefined;
  const lineEnd = text.indexOf("\n", close + 4);
  return { raw: text.slice(4, close), start: 4, end: lineEnd === -1 ? text.length : lineEnd + 1 };
}

/** Parses and checks a frontmatter span: valid when a mapping with non-empty string `name` and `description`. */
export function readFrontmatter(source: SourceText, span: FrontmatterSpan): Frontmatter {
  const parsed = parseYaml(source, span.start, span.raw, "Invalid frontmatter YAML: ");
  if (!parsed.ok) return { ...span, problems: parsed.diagnostics, yamlError: true };
  const { value, sourceMap } = parsed;
  const problem = (path: string[], message: string): Diagnostic => {
    const d: Diagnostic = { code: "INVALID_FRONTMATTER", severity: "error", message, path };
    return Object.assign(d, locateNearest(sourceMap, path) ?? source.at(span.start));
  };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      ...span,
      problems: [problem([], "Frontmatter must be a YAML mapping")],
      yamlError: false,
    };
  }
  const data = value as Record<string, unknown>;
  const problems: Diagnostic[] = [];
  for (const field of ["name", "description"]) {
    const v = Object.hasOwn(data, field) ? data[field] : undefined;
    if (typeof v !== "string" || v === "")
      problems.push(problem([field], `"${field}" must be a non-empty string`));
  }
  const info: Frontmatter = { ...span, data, problems, yamlError: false };
  if (problems.length === 0) {
    info.name = data["name"] as string;
    info.description = data["description"] as string;
  }
  return info;
}
