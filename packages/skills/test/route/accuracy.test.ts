// Routing quality floors on the tuned labelled set and on six held-out libraries and sets (see
// docs/routing.md, "Held-out sets": A–G are development sets now; H was the blind measurement).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  SkillLibrary,
  createRouter,
  evaluateRouter,
  type LabelledTask,
  type RoutableSkill,
  type RouterOptions,
} from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const FIXTURES = path.join(ROOT, "packages/skills/test/fixtures");

function load(root: string, setFile: string, keepWhenToUse = true) {
  const found = SkillLibrary.load({ sources: [{ scope: "team", root }] });
  const skills: (RoutableSkill & { folder: string })[] = found.skills.map((s) => ({
    name: s.name,
    description: s.description,
    folder: s.dir,
    ...(keepWhenToUse && s.whenToUse !== undefined ? { whenToUse: s.whenToUse } : {}),
  }));
  const set = JSON.parse(readFileSync(setFile, "utf8")) as LabelledTask[];
  return { diagnostics: found.diagnostics, skills, set };
}

/**
 * The metrics of docs/routing.md, plus `refusedRanked`: of the tasks whose right skill ranks first
 * without any threshold, the share answered "no skill" (what the decision alone gets wrong).
 */
function measure(
  skills: readonly RoutableSkill[],
  set: readonly LabelledTask[],
  options?: RouterOptions,
) {
  const router = createRouter(skills, options);
  const result = evaluateRouter(router, set);
  const ranked = set.filter(
    ({ task, expected }) =>
      expected !== null && router.route(task, { k: 1, minScore: 0 }).matches[0]?.name === expected,
  );
  const refused = ranked.filter((entry) => router.route(entry.task).noMatch).length;
  return { ...result, refusedRanked: refused / ranked.length };
}

const TUNED = load(
  path.join(ROOT, "examples/skill-library"),
  path.join(FIXTURES, "routing-set.json"),
);
const TUNED_BARE = load(
  path.join(ROOT, "examples/skill-library"),
  path.join(FIXTURES, "routing-set.json"),
  false,
);
const HELD_OUT = {
  a: load(path.join(FIXTURES, "heldout-library"), path.join(FIXTURES, "heldout-set.json")),
  b: load(path.join(FIXTURES, "heldout-library-b"), path.join(FIXTURES, "heldout-set-b.json")),
  c: load(path.join(FIXTURES, "heldout-library-c"), path.join(FIXTURES, "heldout-set-c.json")),
  d: load(path.join(FIXTURES, "heldout-library-d"), path.join(FIXTURES, "heldout-set-d.json")),
  e: load(path.join(FIXTURES, "heldout-library-e"), path.join(FIXTURES, "heldout-set-e.json")),
  f: load(path.join(FIXTURES, "heldout-library-f"), path.join(FIXTURES, "heldout-set-f.json")),
  g: load(path.join(FIXTURES, "heldout-library-g"), path.join(FIXTURES, "heldout-set-g.json")),
  h: load(path.join(FIXTURES, "heldout-library-h"), path.join(FIXTURES, "heldout-set-h.json")),
};

describe("labelled routing sets", () => {
  it.each([["tuned", TUNED], ...Object.entries(HELD_OUT)] as const)(
    "%s: valid skills, named as their folders, and a set that references them",
    (_label, { diagnostics, skills, set }) => {
      expect(diagnostics).toEqual([]);
      expect(skills.length).toBeGreaterThanOrEqual(20);
      for (const skill of skills) expect(path.basename(skill.folder)).toBe(skill.name);
      const names = new Set(skills.map((s) => s.name));
      for (const { expected } of set) if (expected !== null) expect(names.has(expected)).toBe(true);
      expect(set.filter((e) => e.expected === null).length).toBeGreaterThanOrEqual(16);
    },
  );

  it("held-out libraries have no when_to_use and sets of at least 100 tasks, 25 with no skill", () => {
    for (const { skills, set } of Object.values(HELD_OUT)) {
      expect(skills.filter((s) => s.whenToUse !== undefined)).toEqual([]);
      expect(set.length).toBeGreaterThanOrEqual(100);
      expect(set.filter((e) => e.expected === null).length).toBeGreaterThanOrEqual(25);
    }
  });
});

describe("routing quality", () => {
  it("tuned set: top-1 ≥ 0.9, top-3 ≥ 0.95, no-skill ≥ 0.5, also without when_to_use", () => {
    for (const { skills, set } of [TUNED, TUNED_BARE]) {
      const result = measure(skills, set);
      expect(result.top1.rate).toBeGreaterThanOrEqual(0.9);
      expect(result.top3.rate).toBeGreaterThanOrEqual(0.9);
      expect(result.noSkill.rate).toBeGreaterThanOrEqual(0.5);
    }
    expect(measure(TUNED.skills, TUNED.set).top3.rate).toBeGreaterThanOrEqual(0.95);
  });

  // The issue: a fixed score threshold tuned on the example library refused many tasks that have a
  // right answer on a library in another style. The calibrated decision refuses few, on every
  // held-out library, and still answers "no skill" for at least half of the tasks that fit none.
  it.each(Object.entries(HELD_OUT))(
    "held-out %s: few refusals (≤ 25%) of tasks the ranking gets right, and no-skill ≥ 0.5",
    (_label, { skills, set }) => {
      const result = measure(skills, set);
      expect(result.refusedRanked).toBeLessThanOrEqual(0.25);
      expect(result.noSkill.rate).toBeGreaterThanOrEqual(0.5);
    },
  );

  it("the old fixed threshold (0.165, lexical) refuses more than a fifth of them on every held-out library", () => {
    for (const { skills, set } of Object.values(HELD_OUT))
      expect(
        measure(skills, set, { minScore: 0.165, vectors: false }).refusedRanked,
      ).toBeGreaterThan(0.2);
  });

  // Floors at the measured values (docs/routing.md). They are below the goal of top-1 ≥ 0.9
  // and top-3 ≥ 0.96: on these sets even the ranking without any threshold stays below it, because
  // many paraphrases share no word, and no close word, with the right skill.
  it.each([
    ["a", 0.85, 0.88],
    ["b", 0.69, 0.73],
    ["c", 0.77, 0.82],
    ["d", 0.78, 0.82],
    ["e", 0.56, 0.6],
    ["f", 0.81, 0.86],
    ["g", 0.85, 0.9],
    ["h", 0.88, 0.91],
  ] as const)("held-out %s: top-1 ≥ %d and top-3 ≥ %d", (label, top1, top3) => {
    const { skills, set } = HELD_OUT[label];
    const result = measure(skills, set);
    expect(result.top1.rate).toBeGreaterThanOrEqual(top1);
    expect(result.top3.rate).toBeGreaterThanOrEqual(top3);
  });

  // The lexical router (`vectors: false`, the word-rule decision) is still supported: its floors.
  it.each([
    ["a", 0.83, 0.86, 0.5],
    ["b", 0.68, 0.75, 0.5],
    ["c", 0.71, 0.8, 0.5],
    ["d", 0.76, 0.82, 0.5],
    ["e", 0.53, 0.59, 0.5],
    ["f", 0.84, 0.88, 0.42],
    ["g", 0.88, 0.92, 0.6],
    ["h", 0.86, 0.91, 0.88],
  ] as const)(
    "held-out %s without vectors: top-1 ≥ %d, top-3 ≥ %d, no-skill ≥ %d",
    (label, top1, top3, noSkill) => {
      const { skills, set } = HELD_OUT[label];
      const result = measure(skills, set, { vectors: false });
      expect(result.top1.rate).toBeGreaterThanOrEqual(top1);
      expect(result.top3.rate).toBeGreaterThanOrEqual(top3);
      expect(result.noSkill.rate).toBeGreaterThanOrEqual(noSkill);
    },
  );
});
