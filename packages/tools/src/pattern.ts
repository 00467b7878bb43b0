// Author-supplied regular expressions, compiled for RE2 (linear time): no pattern can hang the process.
import { RE2JS } from "re2js";

/** Why a pattern cannot be used. */
export type PatternErrorCode = "UNSUPPORTED_SYNTAX" | "INVALID_PATTERN" | "INVALID_FLAGS";

/** A pattern RE2 cannot run, located in the pattern as the author wrote it. */
export class PatternError extends Error {
  readonly code: PatternErrorCode;
  readonly pattern: string;
  /** Offset of the offending part in `pattern`, when it can be found. */
  readonly offset: number | undefined;

  constructor(code: PatternErrorCode, pattern: string, offset: number | undefined, why: string) {
    const at = offset === undefined ? "" : ` at offset ${offset}`;
    super(`Pattern ${JSON.stringify(pattern)}${at}: ${why}`);
    this.name = "PatternError";
    this.code = code;
    this.pattern = pattern;
    this.offset = offset;
  }
}

/** A compiled author pattern. `test` searches anywhere in the input, like `RegExp#test`. */
export interface SafePattern {
  readonly source: string;
  readonly flags: string;
  test(input: string): boolean;
  toString(): string;
}

const ENGINE =
  "the linear-time engine (RE2) that runs patterns from workflows, schemas and configs";

const LOOKAHEAD_HINT =
  `${ENGINE} has no lookahead: match the text itself (a(?=b) → ab), or check a second pattern ` +
  `(in a JSON Schema: "allOf" of two patterns, or "not": { "pattern": … } for (?!…))`;

const BACKREFERENCE_HINT =
  `${ENGINE} has no backreferences: repeat the group's pattern instead ((a+)-\\1 → a+-a+), which ` +
  `accepts any text of that shape rather than the same text`;

/** Lookahead and backreferences, which RE2 lacks, found in the pattern as written (JS syntax). */
function findUnsupported(pattern: string): PatternError | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      const named = next === "k" && pattern[i + 2] === "<";
      if (!inClass && (/[1-9]/.test(next) || named)) {
        return new PatternError("UNSUPPORTED_SYNTAX", pattern, i, BACKREFERENCE_HINT);
      }
      i++;
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
    } else if (char === "(" && pattern[i + 1] === "?" && /[=!]/.test(pattern[i + 2] ?? "")) {
      return new PatternError("UNSUPPORTED_SYNTAX", pattern, i, LOOKAHEAD_HINT);
    }
  }
  return undefined;
}

/** RE2 flags for JavaScript flags: i, m, s (u is implied; g, y and d mean nothing to a test). */
function re2Flags(pattern: string, flags: string): number {
  let result = RE2JS.LOOKBEHINDS;
  const seen = new Set<string>();
  for (const flag of flags) {
    if (seen.has(flag) || !"imsugyd".includes(flag)) {
      const why = flag === "v" ? "flag v (set notation) is not supported" : "invalid flags";
      throw new PatternError(
        "INVALID_FLAGS",
        pattern,
        undefined,
        `${why}: ${JSON.stringify(flags)}`,
      );
    }
    seen.add(flag);
    if (flag === "i") result |= RE2JS.CASE_INSENSITIVE;
    if (flag === "m") result |= RE2JS.MULTILINE;
    if (flag === "s") result |= RE2JS.DOTALL;
  }
  return result;
}

function compileError(pattern: string, error: unknown): PatternError {
  const { error: what, input } = error as { error?: unknown; input?: unknown };
  const fragment = typeof input === "string" && input !== "" ? input : undefined;
  const found = fragment === undefined ? -1 : pattern.indexOf(fragment);
  const description = typeof what === "string" ? what : String(error);
  const shown = fragment === undefined ? "" : ` ${JSON.stringify(fragment)}`;
  const code = /unsupported|capture in lookbehind/.test(description)
    ? "UNSUPPORTED_SYNTAX"
    : "INVALID_PATTERN";
  return new PatternError(
    code,
    pattern,
    found === -1 ? undefined : found,
    `${description}${shown} (${ENGINE}; see https://github.com/google/re2/wiki/Syntax)`,
  );
}

/**
 * Compiles a pattern written in JavaScript syntax (named groups, `\u{…}`, lookbehind without
 * captures) for RE2, whose matching time is linear in the input. Throws a PatternError, located in
 * the pattern, for what RE2 cannot run (lookahead, backreferences, repeats over 1000) or bad flags.
 * Differences that remain: `\s` and `.` treat only ASCII whitespace and `\n` specially.
 */
export function compilePattern(pattern: string, flags = ""): SafePattern {
  const unsupported = findUnsupported(pattern);
  if (unsupported !== undefined) throw unsupported;
  const re2Flag = re2Flags(pattern, flags);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), re2Flag);
  } catch (error) {
    throw compileError(pattern, error);
  }
  const shown = `/${pattern}/${flags}`;
  return {
    source: pattern,
    flags,
    test: (input) => compiled.test(input),
    toString: () => shown,
  };
}

/** The pattern, or the PatternError saying why it cannot be used. */
export function safeCompilePattern(
  pattern: string,
  flags = "",
): { ok: true; pattern: SafePattern } | { ok: false; error: PatternError } {
  try {
    return { ok: true, pattern: compilePattern(pattern, flags) };
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, error };
    throw error;
  }
}

/**
 * Ajv's `code.regExp` option: `pattern` and `patternProperties` keywords compile with
 * `compilePattern`, so validating a value can never backtrack exponentially.
 */
export const safeRegExp = Object.assign(
  (pattern: string, flags: string): SafePattern => compilePattern(pattern, flags),
  { code: "safeRegExp" },
);
