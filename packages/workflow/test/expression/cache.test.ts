// Unit tests of the per-workflow expression cache and the compat resolve helpers (§8.3, §12 D2).
import { describe, expect, it } from "vitest";
import { ExpressionCache } from "../../src/expression/cache.js";
import {
  EvalError,
  ExpressionDepthError,
  LexError,
  ParseExprError,
} from "../../src/expression/errors.js";
import { resolveExpression, resolveTemplate } from "../../src/expression/resolve.js";
import { scope } from "./helpers.js";

describe("ExpressionCache", () => {
  it("parses each distinct expression text once and compiles it once", () => {
    const cache = new ExpressionCache();
    const first = cache.expression("$inputs.n > 5");
    const second = cache.expression("$inputs.n > 5");
    expect(second).toBe(first);
    if (!first.ok) throw new Error("expected success");
    expect(first.expr).toMatchObject({ kind: "binary", operator: ">" });
    expect(first.compiled).toBe(first.compiled);
    expect(first.compiled(scope({ inputs: { n: 6 } }))).toBe(true);
  });

  it("returns syntax errors as results, once per text", () => {
    const cache = new ExpressionCache();
    const lexical = cache.expression("$a = 1");
    expect(lexical).toMatchObject({ ok: false, error: { name: "LexError", position: 3 } });
    expect(cache.expression("$a = 1")).toBe(lexical);
    const grammar = cache.expression("$a ==");
    expect(grammar.ok === false && grammar.error).toBeInstanceOf(ParseExprError);
  });

  it("applies its maxDepth option", () => {
    const cache = new ExpressionCache({ maxDepth: 1 });
    const entry = cache.expression("!!$a");
    expect(entry.ok === false && entry.error).toBeInstanceOf(ExpressionDepthError);
    expect(entry.ok === false && entry.error.code).toBe("EXPRESSION_TOO_DEEP");
  });

  it("memoises templates separately from expressions", () => {
    const cache = new ExpressionCache();
    const entry = cache.template("n=${inputs.n}");
    expect(cache.template("n=${inputs.n}")).toBe(entry);
    if (!entry.ok) throw new Error("expected success");
    expect(entry.segments).toHaveLength(2);
    expect(entry.compiled(scope({ inputs: { n: 1 } }))).toBe("n=1");
    const bad = cache.template("${ inputs.n }");
    expect(bad).toMatchObject({ ok: false, error: { name: "LexError", position: 0 } });
  });
});

describe("resolveExpression / resolveTemplate", () => {
  const context = scope({ inputs: { n: 7 } });

  it("evaluate texts against a context", () => {
    expect(resolveExpression("$inputs.n > 5", context)).toBe(true);
    expect(resolveExpression("$inputs.n > 5", context)).toBe(true);
    expect(resolveTemplate("${inputs.n}", context)).toBe(7);
    expect(resolveTemplate("n=${inputs.n}", context)).toBe("n=7");
  });

  it("throw the language's error classes", () => {
    expect(() => resolveExpression("$a = 1", context)).toThrow(LexError);
    expect(() => resolveExpression("$a ==", context)).toThrow(ParseExprError);
    expect(() => resolveExpression("$bogus", context)).toThrow(EvalError);
    expect(() => resolveTemplate("${ inputs.n }", context)).toThrow(LexError);
  });

  it("keep working past the cache bound", () => {
    for (let i = 0; i < 600; i++)
      expect(resolveExpression(`$inputs.n == ${i}`, context)).toBe(i === 7);
  });
});
