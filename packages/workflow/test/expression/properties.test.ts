// Property tests of the expression language: round-trips, error discipline and no prototype access.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "../../src/expression/compile.js";
import {
  EvalError,
  ExpressionDepthError,
  LexError,
  ParseExprError,
} from "../../src/expression/errors.js";
import { parseExpression } from "../../src/expression/parser.js";
import { printExpression } from "../../src/expression/print.js";
import { compileTemplate, parseTemplate } from "../../src/expression/template.js";
import { getIndex, getMember } from "../../src/expression/values.js";
import {
  INHERITED_NAMES,
  exprArb,
  keyArb,
  scopeArb,
  sourceTextArb,
  tokenSoupArb,
  valueArb,
} from "./arbitraries.js";
import { scope, stripPos } from "./helpers.js";

const LOOSE = { maxDepth: 10_000 };

function tryParse(source: string) {
  try {
    return parseExpression(source);
  } catch (error) {
    if (error instanceof LexError || error instanceof ParseExprError) return undefined;
    throw error;
  }
}

function expectOnlyEvalError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EvalError);
  }
}

describe("print → parse", () => {
  it("round-trips every tree the parser can produce", () => {
    fc.assert(
      fc.property(exprArb, (expr) => {
        expect(stripPos(parseExpression(printExpression(expr), LOOSE))).toEqual(stripPos(expr));
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent on token soups that parse", () => {
    fc.assert(
      fc.property(tokenSoupArb, (source) => {
        const expr = tryParse(source);
        if (expr === undefined) return;
        const printed = printExpression(expr);
        const reparsed = parseExpression(printed);
        expect(stripPos(reparsed)).toEqual(stripPos(expr));
        expect(printExpression(reparsed)).toBe(printed);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("evaluation", () => {
  it("throws nothing but EvalError, whatever the tree and scope", () => {
    fc.assert(
      fc.property(exprArb, scopeArb, (expr, context) => {
        expectOnlyEvalError(() => compileExpression(expr)(context));
      }),
      { numRuns: 3000 },
    );
  });

  it("throws nothing but EvalError from templates either", () => {
    fc.assert(
      fc.property(fc.array(exprArb, { minLength: 1, maxLength: 3 }), scopeArb, (exprs, context) => {
        const segments = exprs.flatMap((expr, i) => [
          { kind: "text" as const, text: `#${i}` },
          { kind: "block" as const, source: printExpression(expr), expr, offset: 0 },
        ]);
        expectOnlyEvalError(() => compileTemplate(segments)(context));
        expectOnlyEvalError(() => compileTemplate(segments.slice(1, 2))(context));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("no prototype access", () => {
  it("never returns an inherited member of objects, arrays or strings", () => {
    const bases: unknown[] = [
      {},
      { a: 1 },
      [],
      [1, 2],
      "text",
      "",
      5,
      true,
      new Date(0),
      Object.create(null),
    ];
    for (const base of bases) {
      const context = scope({ inputs: { v: base } });
      for (const name of INHERITED_NAMES) {
        for (const source of [
          `$inputs.v.${name}`,
          `$inputs.v["${name}"]`,
          `"${name}" in $inputs.v`,
        ]) {
          const value = compileExpression(parseExpression(source))(context);
          expect(value === undefined || value === false).toBe(true);
        }
      }
    }
  });

  it("reads a name only when it is an own property", () => {
    fc.assert(
      fc.property(valueArb, fc.oneof(keyArb, fc.constantFrom(...INHERITED_NAMES)), (base, name) => {
        const own = typeof base === "object" && base !== null && Object.hasOwn(base, name);
        const viaMember = getMember(base, name);
        const viaIndex = getIndex(base, name);
        if (!own) {
          expect(viaMember).toBeUndefined();
          expect(viaIndex).toBeUndefined();
        } else {
          expect(viaMember).toBe((base as Record<string, unknown>)[name]);
          expect(viaIndex).toBe(viaMember);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("parser robustness", () => {
  it("throws only LexError or ParseExprError on arbitrary text", () => {
    fc.assert(
      fc.property(sourceTextArb, (source) => {
        tryParse(source);
        try {
          parseTemplate(source);
        } catch (error) {
          expect(error instanceof LexError || error instanceof ParseExprError).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("reports 100k-deep nesting of any construct as ExpressionDepthError", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("(", "!", "$a[", "!(", "$a.b[", "(!"), {
          minLength: 1,
          maxLength: 4,
        }),
        (units) => {
          const source = units.join("").repeat(Math.ceil(100_000 / units.join("").length));
          expect(() => parseExpression(source)).toThrow(ExpressionDepthError);
        },
      ),
      { numRuns: 20 },
    );
  });
});
