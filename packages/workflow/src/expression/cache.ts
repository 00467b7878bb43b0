// A per-workflow memo of parsed and compiled expression and template texts, shared by validator and compiler.
import type { Expr, TemplateSegment } from "./ast.js";
import { compileExpression, type CompiledExpression } from "./compile.js";
import { LexError, ParseExprError } from "./errors.js";
import type { ParseExpressionOptions } from "./parser.js";
import { parseExpression } from "./parser.js";
import { compileTemplate, parseTemplate } from "./template.js";

/** A syntax error found while parsing a text. */
export type ExpressionSyntaxError = LexError | ParseExprError;

/** Outcome of `ExpressionCache.expression`: the tree and its (lazily built) closure, or the error. */
export type CachedExpression =
  | { readonly ok: true; readonly expr: Expr; readonly compiled: CompiledExpression }
  | { readonly ok: false; readonly error: ExpressionSyntaxError };

/** Outcome of `ExpressionCache.template`: the segments and their (lazily built) closure, or the error. */
export type CachedTemplate =
  | {
      readonly ok: true;
      readonly segments: TemplateSegment[];
      readonly compiled: CompiledExpression;
    }
  | { readonly ok: false; readonly error: ExpressionSyntaxError };

/** Memoises parses by source text so each distinct text is parsed and compiled at most once. */
export class ExpressionCache {
  readonly #expressions = new Map<string, CachedExpression>();
  readonly #templates = new Map<string, CachedTemplate>();
  readonly #options: ParseExpressionOptions;

  constructor(options: ParseExpressionOptions = {}) {
    this.#options = options;
  }

  /** The parsed and compiled form of a whole-string expression such as `$item.score >= 5`. */
  expression(source: string): CachedExpression {
    let entry = this.#expressions.get(source);
    if (entry === undefined) {
      entry = attempt(() => new ParsedExpression(parseExpression(source, this.#options)));
      this.#expressions.set(source, entry);
    }
    return entry;
  }

  /** The parsed and compiled form of a template string such as `n=${inputs.n}`. */
  template(source: string): CachedTemplate {
    let entry = this.#templates.get(source);
    if (entry === undefined) {
      entry = attempt(() => new ParsedTemplate(parseTemplate(source, this.#options)));
      this.#templates.set(source, entry);
    }
    return entry;
  }
}

class ParsedExpression {
  readonly ok = true;
  #compiled: CompiledExpression | undefined;

  constructor(readonly expr: Expr) {}

  get compiled(): CompiledExpression {
    return (this.#compiled ??= compileExpression(this.expr));
  }
}

class ParsedTemplate {
  readonly ok = true;
  #compiled: CompiledExpression | undefined;

  constructor(readonly segments: TemplateSegment[]) {}

  get compiled(): CompiledExpression {
    return (this.#compiled ??= compileTemplate(this.segments));
  }
}

/** Syntax errors become results; anything else is a bug and propagates. */
function attempt<T>(
  parse: () => T,
): T | { readonly ok: false; readonly error: ExpressionSyntaxError } {
  try {
    return parse();
  } catch (error) {
    if (error instanceof LexError || error instanceof ParseExprError) return { ok: false, error };
    throw error;
  }
}
