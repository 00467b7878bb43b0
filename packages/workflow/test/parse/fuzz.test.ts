// Property tests: parsing never throws for any string, and every problem it reports is coded and in range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import {
  ParseError,
  parseSkillMd,
  parseWorkflowDocument,
  parseWorkflowFromMd,
  parseWorkflowYaml,
  sourceMapOf,
} from "../../src/parse/index.js";
import { fixture } from "./_helpers.js";

const CODES = new Set<string>(DIAGNOSTIC_CODES);
const VALID = fixture("price-watch.md");

function checkDiagnostic(d: Diagnostic, content: string): void {
  expect(CODES.has(d.code)).toBe(true);
  expect(typeof d.message).toBe("string");
  if (d.offset !== undefined) {
    expect(d.offset).toBeGreaterThanOrEqual(0);
    expect(d.offset).toBeLessThanOrEqual(content.length);
  }
  if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
  if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
}

/** Parses with every entry point: the safe one must return, the throwing ones may only throw ParseError. */
function checkAll(content: string): void {
  const outcome = parseWorkflowDocument(content);
  if (outcome.ok) expect(sourceMapOf(outcome.workflow)).toBe(outcome.sourceMap);
  else {
    expect(outcome.message.length).toBeGreaterThan(0);
    expect(outcome.diagnostics.length).toBeGreaterThan(0);
    for (const d of outcome.diagnostics) checkDiagnostic(d, content);
  }
  for (const d of outcome.warnings) checkDiagnostic(d, content);
  for (const parse of [parseWorkflowFromMd, parseWorkflowYaml, parseSkillMd]) {
    try {
      parse(content);
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
    }
  }
}

const yamlish = fc.string({
  unit: fc.constantFrom(
    ..."-`\n\r \t:{}[]&*#'\"|>?!,%@wa\\".split(""),
    "steps",
    "type: tool",
    "workflow",
    "---",
    "__proto__",
    "\uFEFF",
  ),
  maxLength: 120,
});

type Mutation = {
  kind: "delete" | "insert" | "duplicate";
  at: number;
  length: number;
  text: string;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("delete", "insert", "duplicate"),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 8 }),
  text: fc.string({
    unit: fc.constantFrom(..."`-: \n\t{}[]'\"#&*$x".split("")),
    minLength: 1,
    maxLength: 4,
  }),
});

function mutate(content: string, mutations: Mutation[]): string {
  let out = content;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.kind === "delete") out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === "insert") out = out.slice(0, at) + m.text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
  }
  return out;
}

describe("parsing never throws", () => {
  it("for arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), checkAll), {
      numRuns: 200,
    });
  });

  it("for YAML- and Markdown-flavoured noise, bare or in a block", () => {
    fc.assert(
      fc.property(yamlish, fc.boolean(), (text, fenced) =>
        checkAll(fenced ? `---\nname: n\n---\n\`\`\`workflow\n${text}\n\`\`\`\n` : text),
      ),
      { numRuns: 300 },
    );
  });

  it("for random mutations of a valid SKILL.md (with LF or CRLF)", () => {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (mutations, crlf) =>
          checkAll(mutate(crlf ? VALID.replace(/\n/g, "\r\n") : VALID, mutations)),
      ),
      { numRuns: 300 },
    );
  });
});
