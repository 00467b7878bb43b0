// Conformance: the expression language through the compat API (§4, §8.3): grammar and precedence
// (C14), equality (C15), relational operators (C16), contains (C17), boolean operators (C18),
// member access (C20), unknown references (C21 at evaluation), ?? and in (C52), templates (C13).
import { describe, expect, it } from "vitest";
import type { RuntimeContext } from "../../src/index.js";
import {
  EvalError,
  LexError,
  ParseExprError,
  containsTemplate,
  resolveExpression,
  resolveTemplate,
  stringify,
} from "../../src/compat.js";

const arr = [1, "2"];
const obj = { k: 1, "my-key": "dash", "1": "one", in: "kw", contains: "c", null: "n", x: "dollar" };
const ctx: RuntimeContext = {
  inputs: {
    n: 7,
    s: "Hello",
    arr,
    arr2: [1, "2"],
    tags: ["a", "b"],
    obj,
    o: null,
    nan: Number.NaN,
    nans: [Number.NaN],
    items: [{ name: "first" }, { name: "second" }],
    objs: [obj],
    zero: 0,
    empty: [],
  },
  steps: { s1: { output: { v: 1 } }, skipped: { output: null } },
};
const ev = (expr: string, context: RuntimeContext = ctx) => resolveExpression(expr, context);

describe("lexing and grammar (§4.2–4.4, C14)", () => {
  it.each([
    ["$inputs .n", 7],
    ["$inputs. n", 7],
    ["$inputs[ 'n' ]", 7],
    ["1.", 1],
    ["-1 < 0", true],
    ["1.5", 1.5],
    ['"a\\"b"', 'a"b'],
    ["'\\n'", "n"],
    ["$inputs.items.0.name", "first"],
    ["$inputs.items.1.name", "second"],
    ["$inputs.obj.in", "kw"],
    ["$inputs.obj.contains", "c"],
    ["$inputs.obj.null", "n"],
    ["$inputs.obj.$x", "dollar"],
    ["($inputs.n)", 7],
    ["true", true],
    ["null", null],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toStrictEqual(expected);
  });

  it.each([
    ["$", LexError, "Expected identifier after $"],
    ["$1", LexError, "Expected identifier after $"],
    ["'open", LexError, "Unterminated string literal"],
    ["$inputs.n = 1", LexError, "Unexpected character: ="],
    ["$inputs.n & 1", LexError, "Unexpected character: &"],
    ["$inputs.n | 1", LexError, "Unexpected character: |"],
    ["$inputs.n ? 1", LexError, "Unexpected character: ?"],
    ["- 1", LexError, "Unexpected character: -"],
    ["{}", LexError, "Unexpected character: {"],
    ["score > 5", ParseExprError, 'Unexpected token: IDENTIFIER ("score")'],
    ["1 == 1 == 1", ParseExprError, "Unexpected token after expression"],
    ["'a' in $inputs.tags == true", ParseExprError, "Unexpected token after expression"],
    ["'it''s'", ParseExprError, 'Unexpected token after expression: STRING ("s")'],
    ["$item2", ParseExprError, 'Unexpected token after expression: NUMBER ("2")'],
    ['("a").x', ParseExprError, "Unexpected token after expression"],
    ["($inputs.n", ParseExprError, "Expected RPAREN but got EOF"],
    ["$inputs.", ParseExprError, "Expected property name after '.', got EOF"],
    ["", ParseExprError, "Unexpected token: EOF"],
  ])("%j throws %o with %j", (expr, cls, message) => {
    let caught: unknown;
    try {
      ev(expr);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(cls);
    expect((caught as Error).message).toContain(message);
  });

  it("lexer and parser errors carry a position", () => {
    try {
      ev("$inputs.n = 1");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LexError);
      expect((error as LexError).position).toBe(10);
    }
    try {
      ev("$inputs.n == == 1");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseExprError);
      expect(typeof (error as ParseExprError).position).toBe("number");
    }
  });

  it.each([
    // ! binds tighter than comparisons: (!0) == false → true == false
    ["!$inputs.zero == false", false],
    // && binds tighter than ||
    ["true || false && false", true],
    // ?? is the loosest: missing ?? (1 == 1)
    ["$inputs.missing ?? 1 == 1", true],
    // a || b ?? c is (a || b) ?? c: || returns a boolean, never null
    ["$inputs.o || $inputs.missing ?? 'c'", false],
    ["!!$inputs.n", true],
    ["!($inputs.n > 5)", false],
    ["1 in $inputs.arr && true", true],
  ])("precedence: %s → %j", (expr, expected) => {
    expect(ev(expr)).toStrictEqual(expected);
  });
});

describe("references (§4.5, C21 at evaluation)", () => {
  it("reads $inputs, $steps, $item, $index and $result", () => {
    expect(ev("$steps.s1.output.v")).toBe(1);
    expect(ev("$steps.skipped.output")).toBeNull();
    expect(ev("$steps.skipped.output == null")).toBe(true);
    expect(ev("$steps.skipped.output.x == null")).toBe(false);
    expect(ev("$steps.never")).toBeUndefined();
    expect(ev("$item.a", { ...ctx, item: { a: 2 }, index: 3 })).toBe(2);
    expect(ev("$index", { ...ctx, item: { a: 2 }, index: 3 })).toBe(3);
    expect(ev("$result.r", { ...ctx, result: { r: "x" } })).toBe("x");
    expect(ev("$item")).toBeUndefined();
  });

  it("raises EvalError for unknown names only when evaluated; && / || do not short-circuit", () => {
    expect(() => ev("$bogus")).toThrow(EvalError);
    expect(() => ev("$bogus")).toThrow("Unknown reference: $bogus");
    expect(() => ev("false && $bogus")).toThrow("Unknown reference: $bogus");
    expect(() => ev("true || $bogus")).toThrow("Unknown reference: $bogus");
    expect(ev("1 ?? $bogus")).toBe(1);
  });
});

describe("equality (§4.7, C15)", () => {
  it.each([
    ["7 == '7.0'", true],
    ["0 == ''", true],
    ["0 == ' '", true],
    ["16 == '0x10'", true],
    ["1000 == '1e3'", true],
    ["0 == 'abc'", false],
    ["true == 'true'", false],
    ["true == 1", false],
    ["'1' == '1.0'", false],
    ["null == null", true],
    ["$inputs.missing == null", false],
    ["$inputs.missing == $inputs.other", true],
    ["$inputs.o == null", true],
    ["$inputs.arr == $inputs.arr2", false],
    ["$inputs.arr == $inputs.arr", true],
    ["$inputs.nan == $inputs.nan", false],
    ["$inputs.missing != null", true],
    ["'a' != 'a'", false],
    ["'abc' == 'ABC'", false],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });
});

describe("relational operators (§4.7, C16)", () => {
  it.each([
    ["'b' > 'a'", false],
    ["'b' >= 'a'", true],
    ["'10' > '9'", true],
    ["true > 0", true],
    ["null < 1", true],
    ["$inputs.missing < 1", true],
    ["$inputs.arr >= 0", true],
    ["$inputs.arr > 0", false],
    ["'abc' < 1", true],
    ["$inputs.nan > 0", false],
    ["$inputs.nan <= 0", false],
    ["$inputs.nan >= $inputs.nan", false],
    ["' 5 ' > 4", true],
    ["-1.5 < -1", true],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });
});

describe("contains (§4.7, C17)", () => {
  it.each([
    ["$inputs.arr contains 1", true],
    ["$inputs.arr contains '1'", false],
    ["$inputs.arr contains '2'", true],
    ["$inputs.tags contains 'A'", false],
    ["$inputs.nans contains $inputs.nan", true],
    ["$inputs.objs contains $inputs.obj", true],
    ["$inputs.s contains 'ell'", true],
    ["$inputs.s contains 'HELLO'", true],
    ["null contains 'x'", false],
    ["'abc' contains null", true],
    ["'abc' contains ''", true],
    ["123 contains 2", true],
    ["true contains 'RU'", true],
    ["$inputs.obj contains 'OBJECT'", true],
    ["$inputs.missing contains ''", true],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });
});

describe("boolean operators and truthiness (§4.7–4.8, C18, C19)", () => {
  it.each([
    ["'a' && 'b'", true],
    ["0 || ''", false],
    ["$inputs.empty || false", false],
    ["$inputs.nan && true", true],
    ["$inputs.obj && true", true],
    ["!''", true],
    ["!'0'", false],
    ["!'false'", false],
    ["!$inputs.empty", true],
    ["!$inputs.obj", false],
    ["!$inputs.missing", true],
    ["!$inputs.nan", false],
    ["!null", true],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });
});

describe("member and index access (§4.6, C20)", () => {
  it.each([
    ["$inputs.arr.length", 2],
    ["$inputs.s.length", undefined],
    ["$inputs.obj.length", undefined],
    ["$inputs.obj.constructor", undefined],
    ["$inputs.obj.toString", undefined],
    ["$inputs.obj.hasOwnProperty", undefined],
    ["$inputs.arr[1]", "2"],
    ["$inputs.arr['0']", 1],
    ["$inputs.arr[-1]", undefined],
    ["$inputs.arr[2]", undefined],
    ["$inputs.arr[1.5]", undefined],
    ["$inputs.arr[true]", undefined],
    ["$inputs.arr[null]", undefined],
    ["$inputs.obj['my-key']", "dash"],
    ["$inputs.obj[1]", "one"],
    ["$inputs.obj['constructor']", undefined],
    ["$inputs.s[0]", undefined],
    ["$inputs.n.x", undefined],
    ["$inputs.o.x", undefined],
    ["$inputs.missing.x.y", undefined],
    ["$inputs.items[$inputs.zero].name", "first"],
    ["$inputs['items'][1]['name']", "second"],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toStrictEqual(expected);
  });
});

describe("?? and in (§4.7, §10.6, C52)", () => {
  it.each([
    ["$inputs.missing ?? 'untitled'", "untitled"],
    ["$inputs.o ?? 0", 0],
    ["$inputs.zero ?? 5", 0],
    ["'' ?? 5", ""],
    ["$inputs.missing ?? $inputs.o ?? 3", 3],
    ["$inputs.arr ?? 1", [1, "2"]],
    ["'b' in $inputs.tags", true],
    ["'B' in $inputs.tags", false],
    ["1 in $inputs.arr", true],
    ["'1' in $inputs.arr", false],
    ["'k' in $inputs.obj", true],
    ["'toString' in $inputs.obj", false],
    ["1 in $inputs.obj", true],
    ["null in $inputs.obj", false],
    ["true in $inputs.obj", false],
    ["$inputs.n in 5", false],
    ["'a' in 'abc'", false],
    ["'a' in $inputs.missing", false],
    ["'a' in null", false],
  ])("%s → %j", (expr, expected) => {
    expect(ev(expr)).toStrictEqual(expected);
  });
});

describe("templates (§4.10, C13)", () => {
  const tctx: RuntimeContext = {
    inputs: { n: 7, tags: ["a"], o: null, name: "ann", obj: { a: 1 }, mixed: [1, "2", null] },
    steps: {},
  };
  it.each([
    ["${inputs.n}", 7],
    ["n=${inputs.n}", "n=7"],
    ["t=${inputs.tags}", 't=["a"]'],
    ["o=${inputs.o}", "o="],
    ["a$${b}", "a${b}"],
    ["$${inputs.n}", "${inputs.n}"],
    ["${}", "${}"],
    ["${inputs.tags}", ["a"]],
    ["${inputs.o}", null],
    ["${inputs.missing}", undefined],
    ['${inputs.missing ?? "anon"}', "anon"],
    ["${inputs.n >= 5}", true],
    ["${inputs.obj}/${inputs.mixed}", '{"a":1}/[1,"2",null]'],
    ["x ${inputs.name} y ${inputs.n}", "x ann y 7"],
    ["plain text", "plain text"],
  ])("%j → %j", (template, expected) => {
    expect(resolveTemplate(template, tctx)).toStrictEqual(expected);
  });

  it("a leading space inside a block fails with Expected identifier after $", () => {
    expect(() => resolveTemplate("${ inputs.n }", tctx)).toThrow("Expected identifier after $");
  });

  it("containsTemplate follows the ${ + one or more non-} + } rule", () => {
    expect(containsTemplate("a ${x} b")).toBe(true);
    expect(containsTemplate("${}")).toBe(false);
    expect(containsTemplate("$x")).toBe(false);
    expect(containsTemplate("${ x }")).toBe(true);
    expect(containsTemplate("${x")).toBe(false);
  });

  it("stringify follows the table", () => {
    expect(stringify(null)).toBe("");
    expect(stringify(undefined)).toBe("");
    expect(stringify("s")).toBe("s");
    expect(stringify(1.5)).toBe("1.5");
    expect(stringify(false)).toBe("false");
    expect(stringify({ a: 1 })).toBe('{"a":1}');
    expect(stringify([1, "2", null])).toBe('[1,"2",null]');
  });
});
