// YAML text → JS value + SourceMap in the §1.4 dialect; each YAML problem a located Diagnostic.
import {
  Composer,
  Lexer,
  Parser,
  YAMLParseError,
  visit,
  type CST,
  type Document,
  type ErrorCode,
} from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { DocPath } from "../diagnostics/diagnostic.js";
import { MAX_DIAGNOSTICS, capDiagnostics } from "../diagnostics/limit.js";
import type { SourceMap, SourcePosition } from "../diagnostics/source-map.js";
import { fastParseYaml } from "./_fast-yaml.js";
import type { SourceText } from "./_text.js";
import { YamlSourceMap } from "./source-map.js";
import { reportDuplicateKeys } from "./_unique-keys.js";

/** Deepest collection nesting accepted; deeper input could exhaust the stack of the recursive composer. */
export const MAX_YAML_DEPTH = 128;
/**
 * Longest YAML text parsed (frontmatter, a workflow block, or a bare remainder), in UTF-16 code
 * units: 1 MiB, far beyond any real workflow. A document may be larger (prose), but `yaml` needs
 * seconds and hundreds of megabytes for each further megabyte of dense YAML.
 */
export const MAX_YAML_LENGTH = 1024 * 1024;
/** Alias expansions allowed when building the JS value (the `yaml` default), which stops "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

/** YAML 1.2 core schema, one document, unique string keys, JSON-compatible values only (§1.4). */
const OPTIONS = {
  version: "1.2",
  schema: "core",
  merge: false,
  resolveKnownTags: false,
  // Checked afterwards in linear time by reportDuplicateKeys (yaml's own check is quadratic).
  uniqueKeys: false,
  stringKeys: true,
  strict: true,
  prettyErrors: false,
} as const;

/** A parsed YAML document: its JS value and a source map into the original file. */
export interface ParsedYaml {
  ok: true;
  value: unknown;
  sourceMap: SourceMap;
}

/**
 * A source map for a document read by the fast parser: the full `yaml` document (the slow part) is
 * built only when a position is first asked for, which happens only when there is a problem to report.
 */
class LazySourceMap implements SourceMap {
  private map: SourceMap | undefined;

  constructor(
    private readonly source: SourceText,
    private readonly start: number,
    private readonly text: string,
  ) {}

  private get full(): SourceMap {
    if (!this.map) {
      const parsed = parseWithYaml(this.source, this.start, this.text);
      this.map = parsed.ok
        ? parsed.sourceMap
        : {
            locate: () => undefined,
            locateInString: () => undefined,
            position: (o) => this.source.position(o),
          };
    }
    return this.map;
  }

  locate(path: DocPath, key?: boolean): SourcePosition | undefined {
    return this.full.locate(path, key);
  }

  locateInString(path: DocPath, index: number): SourcePosition | undefined {
    return this.full.locateInString(path, index);
  }

  position(offset: number): SourcePosition {
    return this.source.position(offset);
  }
}

/** The outcome of parsing YAML: the value, or every problem found. */
export type YamlResult = ParsedYaml | { ok: false; diagnostics: Diagnostic[] };

const CODES: Partial<Record<ErrorCode, DiagnosticCode>> = {
  DUPLICATE_KEY: "YAML_DUPLICATE_KEY",
  TAB_AS_INDENT: "YAML_TAB_INDENT",
  MULTIPLE_DOCS: "YAML_MULTIPLE_DOCUMENTS",
};

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super(`Document is nested too deeply (more than ${MAX_YAML_DEPTH} levels)`);
  }
}

/**
 * Parses `text`, which sits at offset `start` of `source.text`, as one YAML document. Messages read
 * `<prefix><parser message> at line L, column C` with L and C counted in the whole original file.
 */
export function parseYaml(
  source: SourceText,
  start: number,
  text: string,
  prefix = "Invalid YAML: ",
): YamlResult {
  if (text.length > MAX_YAML_LENGTH) return tooLong(source, start, text.length);
  // The common subset is read by a single-pass parser that returns exactly `yaml`'s value or nothing.
  const fast = fastParseYaml(text);
  if (fast)
    return { ok: true, value: fast.value, sourceMap: new LazySourceMap(source, start, text) };
  return parseWithYaml(source, start, text, prefix);
}

/** DOCUMENT_TOO_LARGE at the start of a YAML text longer than MAX_YAML_LENGTH; nothing is parsed. */
function tooLong(source: SourceText, start: number, length: number): YamlResult {
  const message = `YAML of ${length} characters is longer than the limit of ${MAX_YAML_LENGTH}; keep large data out of the document (pass it as inputs)`;
  const d: Diagnostic = { code: "DOCUMENT_TOO_LARGE", severity: "error", message, path: [] };
  return { ok: false, diagnostics: [Object.assign(d, source.at(start))] };
}

/** Parses with the `yaml` package: located errors, and a source map over its document. */
function parseWithYaml(
  source: SourceText,
  start: number,
  text: string,
  prefix = "Invalid YAML: ",
): YamlResult {
  const problem = (code: DiagnosticCode, message: string, offset: number): Diagnostic => {
    const at = source.at(start + offset);
    const where = ` at line ${at.line}, column ${at.column}`;
    const d: Diagnostic = { code, severity: "error", message: prefix + message + where, path: [] };
    return Object.assign(d, at);
  };
  let doc: Document.Parsed;
  try {
    doc = composeOne(text);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return { ok: false, diagnostics: [problem("YAML_SYNTAX", error.message, error.offset)] };
  }
  reportDuplicateKeys(doc);
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors
      .slice(0, MAX_DIAGNOSTICS + 1)
      .map((e) => problem(CODES[e.code] ?? "YAML_SYNTAX", e.message, e.pos[0]));
    return { ok: false, diagnostics: capDiagnostics(diagnostics) };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { ok: true, value, sourceMap: new YamlSourceMap(doc, source, start) };
  } catch (error) {
    // Excessive aliasing (a ReferenceError from `yaml`) or a structure too deep for the host stack.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostics: [problem("YAML_SYNTAX", message, firstAlias(doc))] };
  }
}

/** Composes exactly one document, recording a MULTIPLE_DOCS error as `parseDocument` would. */
function composeOne(text: string): Document.Parsed {
  // `yaml` reports each problem as an Error; capturing a stack for each of a million problems in a
  // large broken document cost seconds and hundreds of megabytes. Nothing reads those stacks.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return composeDocument(text);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function composeDocument(text: string): Document.Parsed {
  const composer = new Composer(OPTIONS);
  let first: Document.Parsed | undefined;
  for (const doc of composer.compose(tokens(text), true, text.length)) {
    if (first === undefined) {
      first = doc;
      continue;
    }
    const range: [number, number] = [doc.range[0], doc.range[1]];
    const message = "Source contains multiple documents; please use YAML.parseAllDocuments()";
    first.errors.push(new YAMLParseError(range, "MULTIPLE_DOCS", message));
    break;
  }
  if (first === undefined) throw new Error("yaml: composer produced no document");
  return first;
}

/** CST tokens of `text`, refusing nesting deeper than MAX_YAML_DEPTH before the composer recurses. */
function* tokens(text: string): Generator<CST.Token, void> {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_YAML_DEPTH + 2) throw new TooDeep(parser.offset);
  }
  yield* parser.end();
}

function firstAlias(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}
