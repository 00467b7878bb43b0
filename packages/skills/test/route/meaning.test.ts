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
const LIBRARY_D = SkillLibrary.load({
  sources: [{ scope: "team", root: path.join(FIXTURES, "heldout-library-d") }],
}).skills.map((s) => ({ name: s.name, description: s.description }));
const LIBRARY_A = SkillLibrary.load({
  sources: [{ scope: "team", root: path.join(FIXTURES, "heldout-library") }],
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

  /** A vector file in the bundled layout: two dimensions, one scale per word. */
  function vectorFile(words: Buffer, count: number, scales: number[], values: number[]): string {
    const header = Buffer.alloc(16);
    header.write("SFWV", 0, "latin1");
    header.writeUInt16LE(1, 4);
    header.writeUInt16LE(2, 6);
    header.writeUInt32LE(count, 8);
    header.writeUInt32LE(words.length, 12);
    const scaleBytes = Buffer.alloc(4 * scales.length);
    scales.forEach((scale, i) => scaleBytes.writeFloatLE(scale, 4 * i));
    const file = path.join(mkdtempSync(path.join(tmpdir(), "vectors-")), "v.bin");
    writeFileSync(
      file,
      Buffer.concat([header, words, scaleBytes, Buffer.from(Int8Array.from(values).buffer)]),
    );
    return file;
  }

  it("read a well-formed file of their own, and one of no words", () => {
    const vectors = WordVectors.read(
      vectorFile(Buffer.from("cat\ndog"), 2, [0.1, 0.2], [3, 4, 0, 5]),
    );
    expect([...vectors.vector("cat")!]).toEqual([0.6000000238418579, 0.800000011920929]);
    expect([...vectors.vector("dog")!]).toEqual([0, 1]);
    expect(WordVectors.read(vectorFile(Buffer.alloc(0), 0, [], [])).vector("cat")).toBeUndefined();
  });

  it.each([
    [
      "a scale that is not a positive number",
      Buffer.from("cat\ndog"),
      2,
      [0.1, Number.NaN],
      "word 1 has scale NaN",
    ],
    ["an infinite scale", Buffer.from("cat\ndog"), 2, [Infinity, 1], "word 0 has scale Infinity"],
    ["a word twice", Buffer.from("cat\ncat"), 2, [1, 1], 'word 1 ("cat") appears twice'],
    ["an empty word", Buffer.from("cat\n"), 2, [1, 1], "word 1 is empty"],
    [
      "words that are not UTF-8",
      Buffer.from([0x63, 0xff, 0x0a, 0x64]),
      2,
      [1, 1],
      "the words are not UTF-8",
    ],
    [
      "fewer words than the header says",
      Buffer.from("cat"),
      2,
      [1, 1],
      "1 words where the header says 2",
    ],
  ] as const)("refuse %s, naming the file", (_label, words, count, scales, why) => {
    const values = Array.from({ length: 2 * count }, () => 1);
    const file = vectorFile(words, count, [...scales], values);
    expect(() => WordVectors.read(file)).toThrow(`${file}: not a word-vector file (${why})`);
  });

  it("name the file they cannot read", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vectors-"));
    expect(() => WordVectors.read(dir)).toThrow(`${dir}: cannot read the word vectors (EISDIR)`);
    const missing = path.join(dir, "missing.bin");
    expect(() => WordVectors.read(missing)).toThrow(
      `${missing}: cannot read the word vectors (ENOENT)`,
    );
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
    const library = [...LIBRARY_A, ...LIBRARY_B, ...LIBRARY_D];
    const { matches } = createRouter(library).route("schedule the warehouse night shifts", {
      k: library.length,
      minScore: 0,
    });
    expect(matches.length).toBeGreaterThan(20);
    const detailed = matches.map((m) => m.explanation.evidence.confidence !== undefined);
    expect(detailed).toEqual(matches.map((_, i) => i < 20));
    // By meaning every skill is a candidate, in order of score.
    expect(matches).toHaveLength(library.length);
    expect(matches.map((m) => m.score)).toEqual(matches.map((m) => m.score).sort((x, y) => y - x));
  });

  it("decides the same whatever k is, since the runner-up is always ranked", () => {
    const router = createRouter([...LIBRARY_B, ...LIBRARY_D]);
    for (const task of [
      "schedule the warehouse night shifts",
      "tell me a joke about penguins",
      "do we charge GST to Australian buyers",
    ]) {
      const answers = [1, 3, 10].map((k) => router.route(task, { k }));
      expect(new Set(answers.map((a) => a.noMatch)).size).toBe(1);
      expect(new Set(answers.map((a) => a.matches[0]?.explanation.evidence.confidence)).size).toBe(
        1,
      );
    }
  });

  it("refuses a decision model with a missing or non-finite weight, naming it", () => {
    const { nearWords: _, ...missing } = DECISION_MODEL.weights;
    expect(() =>
      createRouter(LIBRARY_B, {
        decisionModel: { bias: 0, weights: missing as unknown as DecisionFeatures },
      }),
    ).toThrow("decisionModel.weights.nearWords must be a finite number");
    expect(() =>
      createRouter(LIBRARY_B, { decisionModel: { ...DECISION_MODEL, bias: Number.NaN } }),
    ).toThrow("decisionModel.bias must be a finite number");
  });

  it("gives every candidate of a hook's pool the full evidence, so a promoted one is decided alike", async () => {
    const router = createRouter(LIBRARY_A, {
      hook: (_task, candidates) =>
        candidates.map((c, i) => ({ ...c, score: i === candidates.length - 1 ? 2 : c.score })),
    });
    const result = await router.routeWithHook("tell me a joke about penguins", {
      k: LIBRARY_A.length,
    });
    expect(result.noMatch).toBe(true);
    expect(result.reason?.summary).toMatch(/is below noSkill\.minConfidence 0\.375$/);
  });

  it("gives meaning no standout in libraries under four skills", () => {
    const two = createRouter(LIBRARY_B.slice(0, 2));
    for (const task of ["bake a chocolate cake", LIBRARY_B[0]!.description])
      for (const match of two.route(task, { minScore: 0 }).matches)
        expect(match.explanation.evidence.meaning?.standout).toBe(0);
  });

  it("routes in libraries of one skill and of none", () => {
    const one = createRouter([LIBRARY_B[0]!]);
    const { matches } = one.route(LIBRARY_B[0]!.description, { minScore: 0 });
    expect(matches[0]?.explanation.evidence.meaning?.standout).toBe(0);
    expect(matches[0]?.explanation.evidence.features?.margin).toBe(1);
    expect(createRouter([]).route("anything at all")).toMatchObject({ matches: [], noMatch: true });
  });
});
