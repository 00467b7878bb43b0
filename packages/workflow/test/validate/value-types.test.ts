// §12 D1 type test and `<actual>` names.
import { describe, expect, it } from "vitest";
import type { SchemaType } from "../../src/model/schema.js";
import { describeType, matchesType } from "../../src/model/value-types.js";

const samples: [string, unknown][] = [
  ["string", "x"],
  ["empty string", ""],
  ["int", 3],
  ["negative zero", -0],
  ["float", 2.5],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
  ["true", true],
  ["false", false],
  ["array", [1]],
  ["empty array", []],
  ["object", { a: 1 }],
  ["empty object", {}],
  ["null", null],
  ["absent", undefined],
];

// Which sample matches which declared type (nullable: false).
const expected: Record<SchemaType, string[]> = {
  string: ["string", "empty string"],
  int: ["int", "negative zero"],
  float: ["int", "negative zero", "float"],
  boolean: ["true", "false"],
  array: ["array", "empty array"],
  object: ["object", "empty object"],
};

describe("matchesType", () => {
  for (const [type, accepted] of Object.entries(expected) as [SchemaType, string[]][]) {
    it.each(samples)(`${type} vs %s`, (label, value) => {
      expect(matchesType({ type }, value)).toBe(accepted.includes(label));
    });
  }

  it("lets null and absent through only when nullable", () => {
    for (const type of Object.keys(expected) as SchemaType[]) {
      expect(matchesType({ type, nullable: true }, null)).toBe(true);
      expect(matchesType({ type, nullable: true }, undefined)).toBe(true);
      expect(matchesType({ type, nullable: false }, null)).toBe(false);
      expect(matchesType({ type }, undefined)).toBe(false);
    }
  });

  it("nullable does not loosen the type of present values", () => {
    expect(matchesType({ type: "int", nullable: true }, 1.5)).toBe(false);
  });

  it("rejects an unknown type name of a hand-built declaration", () => {
    expect(matchesType({ type: "date" as SchemaType }, "2020-01-01")).toBe(false);
  });
});

describe("describeType", () => {
  it.each([
    ["x", "string"],
    [3, "int"],
    [3.0, "int"],
    [-0, "int"],
    [2.5, "float"],
    [Number.NaN, "float"],
    [Number.POSITIVE_INFINITY, "float"],
    [true, "boolean"],
    [[], "array"],
    [{}, "object"],
    [null, "null"],
    [undefined, "absent"],
    [10n, "int"],
    [() => 1, "object"],
  ] as [unknown, string][])("%s → %s", (value, name) => {
    expect(describeType(value)).toBe(name);
  });
});
