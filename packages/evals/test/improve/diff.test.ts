// The unified diff of a candidate against the current SKILL.md.
import { describe, expect, it } from "vitest";
import { lengthLimit, seededSplit, unifiedDiff, withDescription } from "../../src/index.js";

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n")).toBe("");
  });

  it("prints removals before additions, with three lines of context and hunk ranges", () => {
    const before = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].join("\n") + "\n";
    const after = before.replace("5\n", "five\n");
    expect(unifiedDiff(before, after)).toBe(
      "--- a/SKILL.md\n+++ b/SKILL.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
    );
  });

  it("splits far-apart changes into hunks, and counts added and removed lines", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i + 1}`);
    const after = [...lines];
    after[0] = "one";
    after.splice(18, 0, "extra");
    const diff = unifiedDiff(`${lines.join("\n")}\n`, `${after.join("\n")}\n`);
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(["@@ -1,4 +1,4 @@", "@@ -16,5 +16,6 @@"]);
  });
});

describe("limits and splits", () => {
  it("allows 25% growth, or 400 characters for short skills", () => {
    expect(lengthLimit(100)).toBe(500);
    expect(lengthLimit(4000)).toBe(5000);
  });

  it("splits reproducibly, keeps order, and holds out at least one of two", () => {
    const items = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    const split = seededSplit(items, 3, 0.4);
    expect(split).toEqual(seededSplit(items, 3, 0.4));
    expect(split.heldOut).toHaveLength(4);
    expect([...split.shown, ...split.heldOut].sort()).toEqual(items);
    expect(split.shown).toEqual([...split.shown].sort());
    expect(seededSplit(["x", "y"], 1, 0.1).heldOut).toHaveLength(1);
    expect(seededSplit(["x"], 1, 0.5)).toEqual({ shown: ["x"], heldOut: [] });
  });

  it("changes the description alone, keeping the other fields and the body", () => {
    const skill = "---\nname: s\n# a comment\ndescription: old\nlicense: MIT\n---\n\nBody: here.\n";
    expect(withDescription(skill, "new: with a colon")).toBe(
      '---\nname: s\n# a comment\ndescription: "new: with a colon"\nlicense: MIT\n---\n\nBody: here.\n',
    );
    expect(withDescription("no frontmatter", "x")).toBeUndefined();
  });
});
