// Compiles value sites (R-VALUE §3.2, map expressions §3.6, exit outputs §3.8) into resolver closures.
import type { ExpressionCache } from "../expression/cache.js";
import type { CompiledExpression } from "../expression/compile.js";
import { hasTemplateLeaves } from "../expression/leaves.js";
import { containsTemplate } from "../expression/template.js";
import { isMapping, setOwn } from "../model/objects.js";

/** Evaluates a value site in a scope. */
export type Resolver = CompiledExpression;

/**
 * A literal value. Lists and mappings are copied on every evaluation: a compiled plan is shared by
 * every run of a document, so a tool that mutates its arguments (or a host that edits a run log) must
 * not change what the next run sees — as if each run had parsed the document afresh.
 */
function constant(value: unknown): Resolver {
  if (value === null || typeof value !== "object") return () => value;
  return () => structuredClone(value);
}

/** A closure that re-throws a parse error when evaluated (unreachable after validation, which parses every expression). */
function deferredError(error: Error): Resolver {
  return () => {
    throw error;
  };
}

/** Compiles an expression text (whole string is one expression). */
export function compileExpressionText(cache: ExpressionCache, text: string): Resolver {
  const parsed = cache.expression(text);
  return parsed.ok ? parsed.compiled : deferredError(parsed.error);
}

function compileTemplateText(cache: ExpressionCache, text: string): Resolver {
  const parsed = cache.template(text);
  return parsed.ok ? parsed.compiled : deferredError(parsed.error);
}

/**
 * [EXT] §13.7: a list or mapping with template leaves becomes a builder that resolves each such leaf
 * in place (a lone block keeps its type); subtrees without one are literals (copied per evaluation).
 */
function compileStructured(cache: ExpressionCache, raw: unknown): Resolver {
  if (typeof raw === "string") {
    return containsTemplate(raw) ? compileTemplateText(cache, raw) : constant(raw);
  }
  if (!hasTemplateLeaves(raw)) return constant(raw);
  if (Array.isArray(raw)) {
    const fns = raw.map((item: unknown) => compileStructured(cache, item));
    return (scope) => fns.map((fn) => fn(scope));
  }
  return isMapping(raw) ? compileMapping(cache, raw, compileStructured) : constant(raw);
}

/** R-VALUE (§3.2): literal, `$$` escape, template, expression or plain string; §13.7 for lists and mappings. */
export function compileValue(cache: ExpressionCache, raw: unknown): Resolver {
  if (typeof raw !== "string") return compileStructured(cache, raw);
  if (raw.startsWith("$$")) return constant(raw.slice(1));
  if (containsTemplate(raw)) return compileTemplateText(cache, raw);
  if (raw.startsWith("$")) return compileExpressionText(cache, raw);
  return constant(raw);
}

/** One map-expression value (§3.6): `$$` literal, `$` expression, nested mapping, or literal. */
function compileMapValue(cache: ExpressionCache, raw: unknown): Resolver {
  if (typeof raw === "string") {
    if (raw.startsWith("$$")) return constant(raw.slice(1));
    if (raw.startsWith("$")) return compileExpressionText(cache, raw);
    return constant(raw);
  }
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    return compileMapping(cache, raw as Record<string, unknown>, compileMapValue);
  }
  return constant(raw);
}

/** Compiles a mapping whose values are resolved by `compileEntry`; each evaluation builds a new object. */
function compileMapping(
  cache: ExpressionCache,
  mapping: Record<string, unknown>,
  compileEntry: (cache: ExpressionCache, raw: unknown) => Resolver,
): Resolver {
  const keys = Object.keys(mapping);
  const fns = keys.map((key) => compileEntry(cache, mapping[key]));
  const n = keys.length;
  return (scope) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) setOwn(out, keys[i]!, fns[i]!(scope));
    return out;
  };
}

/** The per-item builder of a `map` transform. */
export function compileMapExpression(
  cache: ExpressionCache,
  expression: Record<string, unknown>,
): Resolver {
  return compileMapping(cache, expression, compileMapValue);
}

/** R-VALUE on a string only: exit mappings copy their nested lists and mappings as is (§3.8). */
function compileScalarValue(cache: ExpressionCache, raw: unknown): Resolver {
  return typeof raw === "string" ? compileValue(cache, raw) : constant(raw);
}

/** Exit `output` (§3.8): absent/"" → null; mapping → R-VALUE on top-level strings; string → R-VALUE 2–3 or an expression. */
export function compileExitOutput(cache: ExpressionCache, output: unknown): Resolver {
  if (output === undefined || output === "") return constant(null);
  if (typeof output === "string") {
    if (output.startsWith("$$")) return constant(output.slice(1));
    if (containsTemplate(output)) return compileTemplateText(cache, output);
    return compileExpressionText(cache, output);
  }
  if (output !== null && typeof output === "object" && !Array.isArray(output)) {
    return compileMapping(cache, output as Record<string, unknown>, compileScalarValue);
  }
  return constant(output);
}
