// The keyed index sort of `sort` transforms gives exactly the result of sorting with the §3.6 comparator.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileComparator, compileTransform } from "../../src/compile/transform.js";
import { ExpressionCache } from "../../src/expression/cache.js";
import type { TransformSortStep } from "../../src/model/schema.js";

const sortStep = (direction: "asc" | "desc"): TransformSortStep => ({
  id: "s",
  type: "transform",
  operation: "sort",
  field: "k",
  direction,
  inputs: {},
  outputs: {},
});

const key = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0),
  fc.constantFrom("10", "9", "a", "B", "", " 1", "0x10"),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([1]),
);
const element = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: key, i: fc.nat() }, { requiredKeys: ["i"] }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.string(), fc.constant(null)) },
);

describe("sort transform", () => {
  it.each(["asc", "desc"] as const)(
    "%s: same order as Array#sort with the §3.6 comparator",
    (direction) => {
      const run = compileTransform(new ExpressionCache(), sortStep(direction));
      const compare = compileComparator("k", direction === "desc");
      fc.assert(
        fc.property(fc.array(element, { maxLength: 60 }), (items) => {
          const expected = items.slice().sort(compare);
          const actual = run(items, { inputs: {}, steps: {} });
          expect(actual).toHaveLength(expected.length);
          actual.forEach((value, i) => expect(Object.is(value, expected[i])).toBe(true));
        }),
        { numRuns: 500 },
      );
    },
  );

  it("numeric keys only: stable for equal keys, NaN and infinities compare as the comparator says", () => {
    const run = compileTransform(new ExpressionCache(), sortStep("asc"));
    const compare = compileComparator("k", false);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            k: fc.oneof(
              fc.integer({ min: 0, max: 3 }),
              fc.constantFrom(Number.NaN, Infinity, -Infinity, -0),
            ),
            i: fc.nat(),
          }),
        ),
        (items) => {
          expect(run(items, { inputs: {}, steps: {} })).toEqual(items.slice().sort(compare));
        },
      ),
    );
  });
});
