// The frontmatter fast path reads exactly what the YAML parser reads, or steps aside.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitDocument } from "../../src/document/_frontmatter.js";

const values = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "true",
    "false",
    "null",
    "~",
    "42",
    "-1",
    "1.5",
    "yes",
    "a: b",
    "x #c",
    "'q'",
    '"q"',
    "[a]",
    "{a: 1}",
    "a,b",
    "- a",
    "? a",
    "Use when: x",
    "a:b",
    "0x1F",
    ".5",
    "!tag",
    "*ref",
    "&anchor",
    "text ",
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,;()/-]{0,40}$/),
);
const keys = fc.constantFrom(
  "name",
  "description",
  "license",
  "when_to_use",
  "model",
  "x-y",
  "a_b",
);

describe("frontmatter fast path", () => {
  it("agrees with the yaml package on fields, values and places", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 6 }), (pairs) => {
        const text = `---\n${pairs.map(([k, v]) => `${k}: ${v}`).join("\n")}\n---\nbody\n`;
        const slow = splitDocument(text, "SKILL.md", false);
        const fast = splitDocument(text, "SKILL.md", true);
        if (slow.diagnostics.length > 0) return; // only documents yaml reads cleanly are compared
        expect(fast.fields && Object.fromEntries(fast.fields)).toEqual(
          slow.fields && Object.fromEntries(slow.fields),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
