// Unit tests of reference extraction for the validator (§12 D1, D2).
import { describe, expect, it } from "vitest";
import { parseExpression } from "../../src/expression/parser.js";
import { collectReferences, type ReferenceUse } from "../../src/expression/references.js";

function refs(source: string): ReferenceUse[] {
  return collectReferences(parseExpression(source));
}

describe("collectReferences", () => {
  it.each<[string, ReferenceUse[]]>([
    ["1 == 2", []],
    ["$inputs", [{ root: "inputs", pos: 0, path: [] }]],
    ["$inputs.x", [{ root: "inputs", pos: 0, path: ["x"] }]],
    ["$steps.s.output.f", [{ root: "steps", pos: 0, path: ["s", "output", "f"] }]],
    ['$inputs["x"][0].y', [{ root: "inputs", pos: 0, path: ["x", 0, "y"] }]],
    ["$inputs.list[true]", [{ root: "inputs", pos: 0, path: ["list", null] }]],
    [
      "$a[$b.c].d",
      [
        { root: "a", pos: 0, path: [null, "d"] },
        { root: "b", pos: 3, path: ["c"] },
      ],
    ],
    [
      "!$item.ok && $bogus ?? $result",
      [
        { root: "item", pos: 1, path: ["ok"] },
        { root: "bogus", pos: 13, path: [] },
        { root: "result", pos: 23, path: [] },
      ],
    ],
    [
      "$x[$y[$z]]",
      [
        { root: "x", pos: 0, path: [null] },
        { root: "y", pos: 3, path: [null] },
        { root: "z", pos: 6, path: [] },
      ],
    ],
    ["$a.0.in", [{ root: "a", pos: 0, path: ["0", "in"] }]],
  ])("%s", (source, expected) => {
    expect(refs(source)).toEqual(expected);
  });
});
