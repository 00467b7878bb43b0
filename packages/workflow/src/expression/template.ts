// Templates (§4.10): finding `${…}` blocks, splitting a string into segments and compiling them.
import type { Expr, TemplateSegment } from "./ast.js";
import { compileExpression, type CompiledExpression } from "./compile.js";
import { ExpressionDepthError, LexError, ParseExprError } from "./errors.js";
import { parseExpression, type ParseExpressionOptions } from "./parser.js";
import { stringify } from "./values.js";

/** A block is `${`, one or more characters other than `}`, then `}`. */
const BLOCK = /\$\{[^}]+\}/;
/** Left-to-right scan: the `$${` escape or a block, whichever starts first. */
const SCAN = /\$\$\{|\$\{([^}]+)\}/g;

/** Whether `s` contains a template block (§4.10); `"${}"` does not. */
export function containsTemplate(s: string): boolean {
  return BLOCK.test(s);
}

/**
 * Split a template into text and block segments. `$${` becomes the text `${`; adjacent text is
 * merged. Errors are `LexError`/`ParseExprError` positioned in the whole template string.
 */
export function parseTemplate(s: string, options: ParseExpressionOptions = {}): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let text = "";
  let last = 0;
  for (const match of s.matchAll(SCAN)) {
    text += s.slice(last, match.index);
    last = match.index + match[0].length;
    const body = match[1];
    if (body === undefined) {
      text += "${";
      continue;
    }
    if (text !== "") segments.push({ kind: "text", text });
    text = "";
    const source = `$${body}`;
    const expr = parseBlock(source, match.index, options);
    segments.push({ kind: "block", source, expr, offset: match.index });
  }
  text += s.slice(last);
  if (text !== "") segments.push({ kind: "text", text });
  return segments;
}

/**
 * Compile segments: a lone block (the whole string was one block) yields its typed result; anything
 * else concatenates text and `stringify`-ed block results.
 */
export function compileTemplate(segments: readonly TemplateSegment[]): CompiledExpression {
  const [first] = segments;
  if (segments.length === 1 && first?.kind === "block") return compileExpression(first.expr);
  const parts = segments.map((segment) =>
    segment.kind === "text" ? segment.text : compileExpression(segment.expr),
  );
  if (parts.every((part) => typeof part === "string")) {
    const text = parts.join("");
    return () => text;
  }
  return (scope) => {
    let out = "";
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      out += typeof part === "string" ? part : stringify(part?.(scope));
    }
    return out;
  };
}

/** Parse a block's `$`-prefixed source, moving error positions into the template string. */
function parseBlock(source: string, offset: number, options: ParseExpressionOptions): Expr {
  try {
    return parseExpression(source, options);
  } catch (error) {
    throw relocate(error, offset);
  }
}

/**
 * Source offset 0 is the `$` that was put back, i.e. the `$` of `${` at `offset`; offset k > 0 is the
 * k-th character of the block text, at `offset + 1 + k` in the template.
 */
function relocate(error: unknown, offset: number): unknown {
  if (!(error instanceof LexError || error instanceof ParseExprError)) return error;
  const position = error.position === 0 ? offset : offset + 1 + error.position;
  if (error instanceof ExpressionDepthError) return new ExpressionDepthError(error.limit, position);
  if (error instanceof LexError) return new LexError(error.message, position);
  return new ParseExprError(error.message, position);
}
