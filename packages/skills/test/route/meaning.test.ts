// Tests for routing by meaning: the bundled word vectors, ranking by them, and the fitted decision.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DECISION_MODEL,
  SkillLibrary,
  WordVectors,
  bundledWordVectors,
  createRouter,
  type DecisionFeatures,
} from "../../src/index.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const LIBRARY_B = SkillLibrary.load({
  sources: [{ scope: "team", root: path.join(FIXTURES, "heldout-library-b") }],
}).skills.map((s) => ({ name: s.name, description: s.description }));

describe("the bundled word vectors", () => {
  const vectors = bundledWordVectors();

  it("hold unit vectors of 64 dimensions for common words, none for unknown ones", () => {
    const invoice = vectors.vector("invoice")!;
    expect(invoice).toHaveLength(64);
    expect(Math.hypot(...invoice)).toBeCloseTo(1, 5);
    expect(vectors.vector("qzxv-not-a-word")).toBeUndefined();
  });

  it("put related words closer than unrelated ones", () => {
    const cos = (a: string, b: string) => {
      const [x, y] = [vectors.vector(a)!, vectors.vector(b)!];
      return x.reduce((sum, v, i) => sum + v * y[i]!, 0);
    };
    expect(cos("invoice", "payment")).toBeGreaterThan(cos("invoice", "guitar"));
    expect(cos("wedding", "speech")).toBeGreaterThan(cos("wedding", "database"));
  });

  it("weigh rare words above frequent ones, and unknown words as rarest", () => {
    expect(vectors.weight("reconciliation")).toBeGreaterThan(vectors.weight("report"));
    expect(vectors.weight("qzxv-not-a-word")).toBe(1);
  });

  it("refuse a file in another layout, naming it", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "vectors-")), "bad.bin");
    writeFileSync(file, "not vectors at all");
    expect(() => WordVectors.read(file)).toThrow(
      `${file}: not a word-vector file (no SFWV header)`,
    );
    writeFileSync(file, Buffer.concat([Buffer.from("SFWV"), Buffer.alloc(12)]));
    expect(() => WordVectors.read(file)).toThrow(/format version 0/);
  });
});

describe("routing by meaning", () => {
  it("ranks the right skill first when the task shares no word with it", () => {
    const task = "do we charge GST to Australian buyers";
    expect(
      createRouter(LIBRARY_B, { vectors: false }).route(task, { minScore: 0 }).matches,
    ).toEqual([]);
    const [best] = createRouter(LIBRARY_B).route(task, { minScore: 0 }).matches;
    expect(best?.name).toBe("sales-tax");
    expect(best?.explanation.terms).toEqual([]);
    expect(best?.explanation.summary).toMatch(/^no terms matched; meaning: cosine 0\.\d\d, /);
  });

  it("gives every match its meaning evidence, the decision's inputs and a confidence in 0..1", () => {
    const { matches } = createRouter(LIBRARY_B).route("rota for the warehouse night shifts", {
      minScore: 0,
    });
    expect(matches.length).toBeGreaterThan(0);
    for (const { explanation } of matches) {
      const { meaning, features, confidence } = explanation.evidence;
      expect(Object.keys(meaning!).sort()).toEqual(["cosine", "lead", "nearWords", "standout"]);
      expect(Object.keys(features!).sort()).toEqual(Object.keys(DECISION_MODEL.weights).sort());
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
    const lexical = createRouter(LIBRARY_B, { vectors: false }).route("rota for night shifts", {
      minScore: 0,
    });
    expect(lexical.matches[0]?.explanation.evidence.confidence).toBeUndefined();
    expect(lexical.matches[0]?.explanation.evidence.meaning).toBeUndefined();
  });

  it("answers no skill below minConfidence, saying so and how to change it", () => {
    const router = createRouter(LIBRARY_B);
    const result = router.route("tell me a joke about penguins");
    expect(result.noMatch).toBe(true);
    expect(result.reason?.code).toBe("WEAK_EVIDENCE");
    expect(result.reason?.summary).toMatch(
      /confidence 0\.\d\d is below noSkill\.minConfidence 0\.375$/,
    );
    const eager = createRouter(LIBRARY_B, { noSkill: { minConfidence: 0 } });
    expect(eager.route("tell me a joke about penguins").noMatch).toBe(false);
  });

  it("uses a decision model given to createRouter", () => {
    const zero = Object.fromEntries(
      Object.keys(DECISION_MODEL.weights).map((key) => [key, 0]),
    ) as unknown as DecisionFeatures;
    const always = createRouter(LIBRARY_B, { decisionModel: { bias: 5, weights: zero } });
    const [best] = always.route("tell me a joke about penguins").matches;
    expect(best?.explanation.evidence.confidence).toBeCloseTo(1 / (1 + Math.exp(-5)), 10);
  });

  it("details the first 20 candidates only, so ordering a whole library stays cheap", () => {
    const { matches } = createRouter(LIBRARY_B).route("rota for the warehouse night shifts", {
      k: LIBRARY_B.length,
      minScore: 0,
    });
    expect(matches).toHaveLength(LIBRARY_B.length);
    expect(matches.slice(0, 20).every((m) => m.explanation.evidence.confidence !== undefined)).toBe(
      true,
    );
    expect(matches.slice(20).map((m) => m.explanation.evidence.meaning)).toEqual(
      matches.slice(20).map(() => undefined),
    );
  });

  it("routes in libraries of one skill and of none", () => {
    const one = createRouter([LIBRARY_B[0]!]);
    const { matches } = one.route(LIBRARY_B[0]!.description, { minScore: 0 });
    expect(matches[0]?.explanation.evidence.meaning?.standout).toBe(0);
    expect(matches[0]?.explanation.evidence.features?.margin).toBe(1);
    expect(createRouter([]).route("anything at all")).toMatchObject({ matches: [], noMatch: true });
  });
});
