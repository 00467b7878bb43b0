// Unit tests of templates: block detection, segments, error positions and resolution (§4.10).
import { describe, expect, it } from "vitest";
import { ExpressionDepthError, LexError, ParseExprError } from "../../src/expression/errors.js";
import { compileTemplate, containsTemplate, parseTemplate } from "../../src/expression/template.js";
import { scope } from "./helpers.js";

const context = scope({ inputs: { n: 7, tags: ["a"], o: null, name: null, q: "x" } });

function resolve(template: string): unknown {
  return compileTemplate(parseTemplate(template))(context);
}

function templateError(template: string): LexError | ParseExprError {
  try {
    parseTemplate(template);
  } catch (error) {
    if (error instanceof LexError || error instanceof ParseExprError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for ${template}`);
}

describe("containsTemplate", () => {
  it.each<[string, boolean]>([
    ["${inputs.q}", true],
    ["a ${x} b", true],
    ["${ }", true],
    ["${}", false],
    ["$inputs.q", false],
    ["${inputs.q", false],
    ["$ {a}", false],
    ["plain", false],
    ["$${a}", true],
  ])("%j → %s", (text, expected) => {
    expect(containsTemplate(text)).toBe(expected);
  });
});

describe("resolution (§4.10 examples)", () => {
  it.each<[string, unknown]>([
    ["${inputs.n}", 7],
    ["n=${inputs.n}", "n=7"],
    ["t=${inputs.tags}", 't=["a"]'],
    ["o=${inputs.o}", "o="],
    ["a$${b}", "a${b}"],
    ["$${inputs.n}", "${inputs.n}"],
    ["${}", "${}"],
    ['${inputs.name ?? "anon"}', "anon"],
    ["${inputs.n >= 5}", true],
    ["${inputs.tags}", ["a"]],
    ["${inputs.o}", null],
    ["${inputs.missing}", undefined],
    ["${inputs.n}${inputs.n}", "77"],
    ["${inputs.n} ", "7 "],
    ["", ""],
    ["no blocks", "no blocks"],
    ["${inputs.q}-${inputs.missing}-${inputs.tags.length}", "x--1"],
  ])("%j → %j", (template, expected) => {
    expect(resolve(template)).toEqual(expected);
  });
});

describe("parseTemplate", () => {
  it("splits text and blocks, restoring the $ and recording where each block starts", () => {
    expect(parseTemplate("a $${x} ${inputs.n} b")).toMatchObject([
      { kind: "text", text: "a ${x} " },
      { kind: "block", source: "$inputs.n", offset: 8, expr: { kind: "member", name: "n" } },
      { kind: "text", text: " b" },
    ]);
  });

  it("treats a lone block as the whole value", () => {
    expect(parseTemplate("${inputs.n}")).toMatchObject([{ kind: "block", offset: 0 }]);
  });

  it.each<[string, string, number, string]>([
    ["x ${ inputs.q }", "LexError", 2, "Expected identifier after $"],
    ["${inputs.q = 1}", "LexError", 11, "Unexpected character: ="],
    ['${inputs.x ?? "}"}', "LexError", 14, "Unterminated string literal"],
    ["ab ${inputs.n == }", "ParseExprError", 17, 'Unexpected token: EOF ("")'],
    [
      "${inputs.n}${inputs.n inputs}",
      "ParseExprError",
      22,
      'Unexpected token after expression: IDENTIFIER ("inputs")',
    ],
  ])("positions errors in the whole string: %j", (template, name, position, message) => {
    const error = templateError(template);
    expect(error.name).toBe(name);
    expect(error.position).toBe(position);
    expect(error.message).toBe(message);
  });

  it("keeps the depth error class and applies maxDepth", () => {
    // The block's source is `$inputs.a[$inputs.a[…`; its 65th `[` sits at 9 + 64 * 10 in that source.
    const error = templateError(`x \${inputs.a${"[$inputs.a".repeat(100)}}`);
    expect(error).toBeInstanceOf(ExpressionDepthError);
    expect(error.position).toBe(2 + 1 + 9 + 64 * 10);
    expect(() => parseTemplate("${inputs.a[((1))]}", { maxDepth: 2 })).toThrow(
      ExpressionDepthError,
    );
  });
});
