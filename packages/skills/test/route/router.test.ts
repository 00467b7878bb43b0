// Tests for skill routing: tokenizer, BM25F ranking options, explanations and the hook (accuracy on
// the labelled sets is in accuracy.test.ts).
import { describe, expect, it } from "vitest";
import {
  createRouter,
  tokenize,
  tokenizeName,
  type RoutableSkill,
  type RouteMatch,
} from "../../src/index.js";

/** These tests pin the lexical router and its word rules; routing by meaning has its own tests. */
const LEXICAL = { vectors: false } as const;

const SKILLS: RoutableSkill[] = [
  { name: "pdf-merge", description: "Combines several documents into one file." },
  { name: "invoice-reader", description: "Reads PDF invoices and extracts totals and dates." },
  { name: "weekly-digest", description: "Summarises a week of team updates into an email." },
];

describe("tokenize", () => {
  it("lowercases, splits on non-alphanumerics, drops stop words and stems", () => {
    expect(tokenize("Merging the PDFs, quickly!")).toEqual(["merg", "pdf", "quickli"]);
    expect(tokenize("K8s pods: CrashLoopBackOff")).toEqual(["k8", "pod", "crashloopbackoff"]);
    expect(tokenize("what is it for")).toEqual([]);
  });

  it("splits skill names on hyphens", () => {
    expect(tokenizeName("flaky-test-triage")).toEqual(["flaki", "test", "triag"]);
  });
});

describe("createRouter", () => {
  it("ranks a name match above a description match by default", () => {
    const { matches } = createRouter(SKILLS, LEXICAL).route("merge pdf", { minScore: 0 });
    expect(matches.map((m) => m.name)).toEqual(["pdf-merge", "invoice-reader"]);
  });

  it("lets field weights reorder the ranking", () => {
    const router = createRouter(SKILLS, {
      ...LEXICAL,
      fieldWeights: { name: 0.1, description: 5 },
    });
    const { matches } = router.route("pdf invoices", { minScore: 0 });
    expect(matches[0]?.name).toBe("invoice-reader");
    expect(createRouter(SKILLS, LEXICAL).route("pdf", { minScore: 0 }).matches[0]?.name).toBe(
      "pdf-merge",
    );
  });

  it("returns at most k matches, best first, with scores in 0..1", () => {
    const router = createRouter(SKILLS, LEXICAL);
    const { matches } = router.route("pdf documents email summaries", { k: 2, minScore: 0 });
    expect(matches).toHaveLength(2);
    expect(matches[0]!.score).toBeGreaterThanOrEqual(matches[1]!.score);
    for (const m of matches) expect(m.score).toBeGreaterThan(0);
    for (const m of matches) expect(m.score).toBeLessThanOrEqual(1);
  });

  it("stops adding matches when the next would exceed the token budget", () => {
    const router = createRouter(SKILLS, LEXICAL);
    const first = Math.ceil(("pdf-merge".length + SKILLS[0]!.description.length) / 4);
    const options = { k: 3, minScore: 0 };
    expect(router.route("pdf", options).matches).toHaveLength(2);
    expect(router.route("pdf", { ...options, budget: first }).matches.map((m) => m.id)).toEqual([
      "pdf-merge",
    ]);
    expect(router.route("pdf", { ...options, budget: first - 1 })).toEqual({
      matches: [],
      noMatch: false,
    });
  });

  it("explains which words and phrases matched which fields, largest contribution first", () => {
    const [match] = createRouter(SKILLS, LEXICAL).route("pdf merge", { minScore: 0 }).matches;
    const terms = match!.explanation.terms.map(({ term, field }) => `${term}:${field}`);
    expect(terms).toEqual(["merg:name", "pdf merg:name", "pdf:name"]);
    expect(match!.explanation.summary).toBe(
      'matched "merg" (name), "pdf merg" (name), "pdf" (name)',
    );
    const [word, phrase, common] = match!.explanation.terms.map((t) => t.contribution);
    // Same counts and document frequency, so the phrase earns exactly the default phraseWeight.
    expect(phrase! / word!).toBeCloseTo(0.5, 10);
    expect(common!).toBeLessThan(word!);
  });

  it("splits a term's contribution across the fields it matched in", () => {
    const skills = [
      { name: "alpha", description: "report tables", whenToUse: "a report is due" },
      { name: "beta", description: "unrelated words" },
    ];
    const [match] = createRouter(skills, LEXICAL).route("report", { minScore: 0 }).matches;
    const fields = match!.explanation.terms.map((t) => t.field);
    expect(fields).toEqual(["whenToUse", "description"]);
  });

  it("answers noMatch with no matches and a coded reason when no skill fits", () => {
    const router = createRouter(SKILLS, LEXICAL);
    const code = (result: ReturnType<typeof router.route>) => [
      result.matches.length,
      result.noMatch,
      result.reason?.code,
      result.reason?.nearest?.name,
    ];
    expect(code(router.route("book a flight to Lisbon"))).toEqual([
      0,
      true,
      "NO_SHARED_WORDS",
      undefined,
    ]);
    expect(code(router.route("merge pdf", { minScore: 1.01 }))).toEqual([
      0,
      true,
      "BELOW_MIN_SCORE",
      "pdf-merge",
    ]);
    expect(code(router.route("what is it for"))).toEqual([0, true, "NO_TASK_WORDS", undefined]);
    expect(code(router.route(""))).toEqual([0, true, "NO_TASK_WORDS", undefined]);
    expect(code(router.route("merge pdf"))).toEqual([2, false, undefined, undefined]);
  });

  it("keeps route lexical and lets routeWithHook rescore candidates before the threshold", async () => {
    const seen: string[][] = [];
    const hook = (_task: string, candidates: readonly RouteMatch[]) => {
      seen.push(candidates.map((c) => c.name));
      return candidates.map((c) => ({ ...c, score: c.name === "weekly-digest" ? 0.9 : 0.1 }));
    };
    const router = createRouter(SKILLS, { ...LEXICAL, hook });
    const task = "merge pdf documents, weekly";
    expect(router.route(task, { k: 1 }).matches[0]?.name).toBe("pdf-merge");
    expect(seen).toEqual([]);
    const result = await router.routeWithHook(task, { k: 1, minScore: 0.5 });
    expect(result.matches.map((m) => [m.name, m.score])).toEqual([["weekly-digest", 0.9]]);
    expect(seen[0]?.slice().sort()).toEqual(["invoice-reader", "pdf-merge", "weekly-digest"]);
  });

  it("routes without a hook through routeWithHook exactly like route", async () => {
    const router = createRouter(SKILLS, LEXICAL);
    expect(await router.routeWithHook("merge pdf")).toEqual(router.route("merge pdf"));
  });

  it("keeps skills that share a name apart by id and rejects duplicate ids", () => {
    const skill = { name: "pdf-tools", description: "Edits PDF files." };
    const router = createRouter([
      { ...skill, id: "project:pdf-tools" },
      { ...skill, id: "user:pdf-tools" },
    ]);
    const ids = router.route("pdf", { minScore: 0 }).matches.map((m) => m.id);
    expect(ids.sort()).toEqual(["project:pdf-tools", "user:pdf-tools"]);
    expect(() => createRouter([skill, skill])).toThrow(/Duplicate skill id "pdf-tools"/);
  });
});
