// Tests for the calibrated "no skill" decision, its coded reasons, and spelling variants in routing.
import { describe, expect, it } from "vitest";
import { createRouter, tokenize, type RouteResult } from "../../src/index.js";
import { Vocabulary } from "../../src/route/vocabulary.js";

/** These tests pin the lexical router and its word rules; routing by meaning has its own tests. */
const LEXICAL = { vectors: false } as const;

const LIBRARY = [
  {
    name: "invoice-builder",
    description:
      "Drafts an invoice for a client with line items, hours, rates, tax and payment terms, ready to send as a PDF.",
  },
  {
    name: "meeting-notes",
    description:
      "Summarises a meeting transcript into decisions, owners and action items, and drafts the follow-up email.",
  },
  { name: "log-search", description: "Search application logs." },
  {
    name: "slide-deck",
    description:
      "Builds a presentation from notes: an outline, one idea per slide, speaker notes and a closing summary for the audience.",
  },
  {
    name: "cron-jobs",
    description:
      "Writes crontab lines and systemd timers, explains when a schedule fires, and handles time zones for recurring jobs.",
  },
  {
    name: "ui-strings",
    description:
      "Moves hard-coded interface text into locale files so the app can be translated; keeps keys stable across releases.",
  },
  {
    name: "palette",
    description:
      "Generates a color palette for an interface with accessible contrast between text and background.",
  },
  {
    name: "contract-review",
    description:
      "Reads a contract or agreement and points out risky clauses such as liability, indemnity, renewal and termination.",
  },
];
const router = createRouter(LIBRARY, LEXICAL);
const answer = (result: RouteResult) =>
  result.noMatch ? (result.reason?.code ?? "no reason") : result.matches[0]!.name;

describe("the calibrated no-skill decision", () => {
  it("answers on two informative words, or one that is in the skill's name", () => {
    expect(answer(router.route("review the renewal clauses"))).toBe("contract-review");
    const named = router.route("invoice Acme for the March work on their new website");
    expect(answer(named)).toBe("invoice-builder");
    expect(named.matches[0]!.explanation.evidence).toMatchObject({
      informative: ["invoic"],
      inName: true,
    });
    expect(named.matches[0]!.explanation.evidence.coverage).toBeLessThan(0.35);
  });

  it("answers on one word that is a large share of a terse skill", () => {
    const result = router.route("grep yesterday's application output for the outage");
    expect(answer(result)).toBe("log-search");
    const { evidence } = result.matches[0]!.explanation;
    expect(evidence.coverage).toBeLessThan(0.35);
    expect(evidence.skillShare).toBeGreaterThanOrEqual(0.15);
  });

  it("says no skill, naming the nearest one and its evidence, when one word of a long skill matched", () => {
    const result = router.route("summarise the board discussion for the audience");
    expect(result.matches).toEqual([]);
    expect(result.reason).toMatchObject({
      code: "WEAK_EVIDENCE",
      nearest: { name: "meeting-notes", evidence: { informative: ["summaris"], inName: false } },
    });
    expect(result.reason?.summary).toContain('"meeting-notes"');
  });

  it("codes the other reasons: no shared word, no words at all, a fixed minScore", () => {
    expect(answer(router.route("plan a birthday party for the team"))).toBe("NO_SHARED_WORDS");
    expect(answer(router.route("what is it for"))).toBe("NO_TASK_WORDS");
    const fixed = router.route("review the renewal clauses", { minScore: 1.01 });
    expect(fixed.reason).toMatchObject({
      code: "BELOW_MIN_SCORE",
      nearest: { name: "contract-review" },
    });
  });

  it("with minScore 0 returns every candidate, as the catalog's ordering needs", () => {
    const result = router.route("summarise the board discussion for the audience", {
      k: 10,
      minScore: 0,
    });
    expect(result.noMatch).toBe(false);
    expect(result.matches.map((m) => m.name).sort()).toEqual(["meeting-notes", "slide-deck"]);
  });

  it("lets the thresholds be set per router", () => {
    const loose = createRouter(LIBRARY, { ...LEXICAL, noSkill: { soloCoverage: 0.15 } });
    expect(answer(loose.route("summarise the board discussion for the audience"))).toBe(
      "meeting-notes",
    );
    const strict = createRouter(LIBRARY, { ...LEXICAL, noSkill: { minEvidence: 3 } });
    expect(answer(strict.route("review the renewal clauses"))).toBe("contract-review");
    expect(answer(strict.route("invoice Acme for the March work on their new website"))).toBe(
      "WEAK_EVIDENCE",
    );
  });

  it("routes in a library of one or two skills, where a word one skill uses is informative", () => {
    const one = createRouter([LIBRARY[0]!], LEXICAL);
    expect(answer(one.route("draft an invoice for the client"))).toBe("invoice-builder");
    expect(answer(one.route("draft a poem about autumn"))).toBe("WEAK_EVIDENCE");
    const two = createRouter(LIBRARY.slice(0, 2), LEXICAL);
    expect(answer(two.route("summarise the meeting transcript"))).toBe("meeting-notes");
  });

  it("applies the same decision after a hook rescored the candidates", async () => {
    const hooked = createRouter(LIBRARY, {
      ...LEXICAL,
      hook: (_task, candidates) => candidates.map((c) => ({ ...c, score: 1 })),
    });
    const result = await hooked.routeWithHook("summarise the board discussion for the audience");
    expect(result.reason?.code).toBe("WEAK_EVIDENCE");
    const fixed = await hooked.routeWithHook("summarise the board discussion for the audience", {
      minScore: 0.5,
    });
    expect(fixed.matches.length).toBe(2);
  });
});

describe("spelling variants", () => {
  it("spells British -our words as American before stemming, and leaves short words alone", () => {
    expect(tokenize("colours labour behaviour favourite")).toEqual(
      tokenize("colors labor behavior favorite"),
    );
    expect(tokenize("hours four tour")).toEqual(["hour", "four", "tour"]);
  });

  it("joins an unknown stem to a known one sharing five letters with at most three more", () => {
    const vocabulary = new Vocabulary(["local", "locat", "summari", "personalis", "pdf", "a b"]);
    expect(vocabulary.closest("localis")).toBe("local");
    expect(vocabulary.closest("summaris")).toBe("summari");
    expect(vocabulary.closest("person")).toBeUndefined();
    expect(vocabulary.closest("pdfs")).toBeUndefined();
    expect(vocabulary.closest("zebra")).toBeUndefined();
  });

  it("routes a task in another spelling to the skill", () => {
    const localised = router.route("prepare the localisation of the app");
    expect(answer(localised)).toBe("ui-strings");
    const coloured = router.route("pick colours for the dashboard", { minScore: 0 });
    expect(coloured.matches[0]?.explanation.evidence.informative).toEqual(["color"]);
  });
});
