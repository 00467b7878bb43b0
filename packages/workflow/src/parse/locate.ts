// Finds the workflow YAML in SKILL.md content (§1.3): frontmatter, ```workflow block, bare YAML.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceText } from "./_text.js";
import { findFrontmatter, readFrontmatter, type Frontmatter } from "./frontmatter.js";
import { parseYaml, type ParsedYaml } from "./yaml.js";

/** Longest content accepted, in UTF-16 code units (5 MiB); longer content fails fast with DOCUMENT_TOO_LARGE. */
export const MAX_CONTENT_LENGTH = 5 * 1024 * 1024;
/** §1.3 step 1. */
export const EMPTY_CONTENT_MESSAGE = "Content is empty";
/** §1.3 step 6. */
export const NO_WORKFLOW_BLOCK_MESSAGE =
  "No ```workflow fenced code block found in SKILL.md. WorkflowSkill definitions must be wrapped in a ```workflow block.";

/** Options of `locateWorkflow` and the parse entry points. */
export interface LocateOptions {
  /** Longest accepted content; default MAX_CONTENT_LENGTH. */
  maxLength?: number;
}

/** The workflow YAML found in a document. */
export interface LocatedWorkflow {
  ok: true;
  /** The content, original and LF-normalised. */
  source: SourceText;
  /** The workflow YAML text. */
  yaml: string;
  /** 0-based offset of `yaml` in the normalised content. */
  start: number;
  /** Whether the YAML came from a ```workflow block or is the bare remainder. */
  kind: "block" | "bare";
  frontmatter?: Frontmatter;
  /** Non-fatal findings: a second workflow block, invalid frontmatter. */
  warnings: Diagnostic[];
  /** Bare YAML is parsed to be recognised; the result is kept so it is not parsed twice. */
  parsed?: ParsedYaml;
}

/** Why no workflow YAML could be located. */
export interface LocateFailure {
  ok: false;
  message: string;
  diagnostics: Diagnostic[];
  warnings: Diagnostic[];
}

/** Applies §1.3 to `content`; never throws. */
export function locateWorkflow(
  content: string,
  options: LocateOptions = {},
): LocatedWorkflow | LocateFailure {
  const tooLarge = checkLength(content, options.maxLength);
  if (tooLarge) return tooLarge;
  if (content.trim() === "") return failure("EMPTY_CONTENT", EMPTY_CONTENT_MESSAGE, []);
  const source = new SourceText(content);
  const { text } = source;
  const span = findFrontmatter(text);
  const frontmatter = span ? readFrontmatter(source, span) : undefined;
  const warnings = frontmatter ? frontmatterWarnings(frontmatter) : [];
  const located = (fields: Pick<LocatedWorkflow, "yaml" | "start" | "kind">): LocatedWorkflow => {
    const out: LocatedWorkflow = { ok: true, source, ...fields, warnings };
    if (frontmatter) out.frontmatter = frontmatter;
    return out;
  };
  const block = findWorkflowBlock(text, 0);
  if (block && text.slice(block.body, block.end).trim() !== "") {
    const second = findHeader(text, block.end + 1);
    if (second) warnings.push(secondBlockWarning(source, second.fence));
    return located({ yaml: text.slice(block.body, block.end), start: block.body, kind: "block" });
  }
  const start = span ? span.end : 0;
  const parsed = parseYaml(source, start, text.slice(start));
  if (parsed.ok && isWorkflowShaped(parsed.value)) {
    return { ...located({ yaml: text.slice(start), start, kind: "bare" }), parsed };
  }
  return failure("NO_WORKFLOW_BLOCK", NO_WORKFLOW_BLOCK_MESSAGE, warnings);
}

/** DOCUMENT_TOO_LARGE when `content` exceeds the limit; checked before any other work. */
export function checkLength(
  content: string,
  maxLength = MAX_CONTENT_LENGTH,
): LocateFailure | undefined {
  if (content.length <= maxLength) return undefined;
  const message = `Content is too large: ${content.length} characters exceed the limit of ${maxLength}`;
  return failure("DOCUMENT_TOO_LARGE", message, []);
}

function failure(code: Diagnostic["code"], message: string, warnings: Diagnostic[]): LocateFailure {
  return {
    ok: false,
    message,
    // A whole-document problem: located at the start of the file (§12 D5: every parse error has a place).
    diagnostics: [{ code, severity: "error", message, path: [], offset: 0, line: 1, column: 1 }],
    warnings,
  };
}

const HEADER = "```workflow";

/** A ```workflow fence: where the backticks are and where its body begins. */
interface Header {
  fence: number;
  body: number;
}

/** The first `workflow` header at or after `from`: backticks + `workflow`, optional whitespace, then LF. */
function findHeader(text: string, from: number): Header | undefined {
  for (let i = text.indexOf(HEADER, from); i !== -1; i = text.indexOf(HEADER, i + 1)) {
    let j = i + HEADER.length;
    while (j < text.length && text[j] !== "\n" && /\s/.test(text[j] ?? "")) j++;
    if (text[j] === "\n") return { fence: i, body: j + 1 };
  }
  return undefined;
}

/** The first block: its body runs to the first later LF followed by three backticks (a column-0 fence). */
function findWorkflowBlock(text: string, from: number): (Header & { end: number }) | undefined {
  const header = findHeader(text, from);
  if (!header) return undefined;
  const end = text.indexOf("\n```", header.body);
  return end === -1 ? undefined : { ...header, end };
}

function isWorkflowShaped(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return ["steps", "inputs", "outputs"].some((key) => Object.hasOwn(value, key));
}

function secondBlockWarning(source: SourceText, fence: number): Diagnostic {
  const message = "Only the first ```workflow block is used; this block is ignored";
  const d: Diagnostic = {
    code: "MULTIPLE_WORKFLOW_BLOCKS",
    severity: "warning",
    message,
    path: [],
  };
  return Object.assign(d, source.at(fence));
}

/** Invalid frontmatter never fails a parse (§1.3); it is reported as warnings and the workflow has no name. */
function frontmatterWarnings(frontmatter: Frontmatter): Diagnostic[] {
  return frontmatter.problems.map((d) => ({
    ...d,
    code: "INVALID_FRONTMATTER",
    severity: "warning",
  }));
}
