// Compat helpers `resolveExpression` / `resolveTemplate` (§8.3), backed by a small bounded cache.
import type { RuntimeContext } from "../model/run-log.js";
import type { CompiledExpression } from "./compile.js";
import { compileExpression } from "./compile.js";
import { parseExpression } from "./parser.js";
import { compileTemplate, parseTemplate } from "./template.js";

/** Most distinct texts kept per kind; the oldest entry is dropped first. */
const CACHE_LIMIT = 256;
const expressions = new Map<string, CompiledExpression>();
const templates = new Map<string, CompiledExpression>();

/** Evaluate a whole-string expression (e.g. `$inputs.n > 5`); throws LexError, ParseExprError or EvalError. */
export function resolveExpression(expr: string, context: RuntimeContext): unknown {
  return remember(expressions, expr, () => compileExpression(parseExpression(expr)))(context);
}

/** Resolve a template (§4.10): a lone block keeps its type, otherwise the result is a string. */
export function resolveTemplate(template: string, context: RuntimeContext): unknown {
  return remember(templates, template, () => compileTemplate(parseTemplate(template)))(context);
}

function remember(
  cache: Map<string, CompiledExpression>,
  text: string,
  build: () => CompiledExpression,
): CompiledExpression {
  let compiled = cache.get(text);
  if (compiled === undefined) {
    compiled = build();
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(text, compiled);
  }
  return compiled;
}
