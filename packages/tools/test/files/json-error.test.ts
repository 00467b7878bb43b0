// findJsonSyntaxError agrees with JSON.parse on what is valid and points at the offending character.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../../src/files/_json-error.js";

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("findJsonSyntaxError", () => {
  it("locates the first error by line and column", () => {
    expect(findJsonSyntaxError('{\n  "a": ,\n}')).toEqual({
      line: 2,
      column: 8,
      message: 'unexpected ",", expected a value',
    });
    expect(findJsonSyntaxError('{"a": 1')).toMatchObject({
      line: 1,
      column: 8,
      message: 'unexpected end of input, expected "," or "}"',
    });
    expect(findJsonSyntaxError("[1, 2,]")).toMatchObject({ column: 7 });
    expect(findJsonSyntaxError("{'a': 1}")).toMatchObject({
      message: 'unexpected "\'", expected a property name in double quotes',
    });
    expect(findJsonSyntaxError("1 2")).toMatchObject({ column: 3 });
    expect(findJsonSyntaxError("")).toMatchObject({ line: 1, column: 1 });
    expect(findJsonSyntaxError('"a\\x"')).toMatchObject({ column: 4 });
  });

  it("accepts exactly what JSON.parse accepts", () => {
    const jsonText = fc.jsonValue().map((v) => JSON.stringify(v, null, 1));
    const mutated = fc
      .tuple(jsonText, fc.nat(), fc.constantFrom(",", "]", "}", '"', ":", "x", "-", "\\", " ", ""))
      .map(([text, at, c]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + c + text.slice(i + (c === "" ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(jsonText, mutated), (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});
