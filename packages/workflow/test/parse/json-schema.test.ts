// The committed JSON Schema is current and agrees with the parser on valid and invalid documents.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  WORKFLOW_SCHEMA_ID,
  parseWorkflowDocument,
  renderWorkflowJsonSchema,
} from "../../src/parse/index.js";
import { check } from "./_mini-json-schema.js";
import { fixture } from "./_helpers.js";

const committed = readFileSync(
  new URL("../../schema/workflow.schema.json", import.meta.url),
  "utf8",
);
const schema = JSON.parse(committed) as Record<string, unknown>;
const problems = (value: unknown): string[] => check(value, schema, schema);

const EXAMPLE = fixture("all-steps.workflow.yaml");

/** The example with one edit applied to its parsed value. */
function edited(
  edit: (doc: { steps: Record<string, unknown>[]; [k: string]: unknown }) => void,
): unknown {
  const doc = parse(EXAMPLE) as { steps: Record<string, unknown>[] };
  edit(doc);
  return doc;
}

describe("workflow.schema.json", () => {
  it("is up to date (regenerate with: node --import tsx scripts/generate-schema.ts)", () => {
    expect(committed).toBe(renderWorkflowJsonSchema());
  });

  it("is a draft-07 schema with an id and a title", () => {
    expect(schema).toMatchObject({
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: WORKFLOW_SCHEMA_ID,
      title: expect.any(String),
    });
  });

  it("accepts the example (every step type), which the parser accepts too", () => {
    expect(parseWorkflowDocument(EXAMPLE).ok).toBe(true);
    expect(problems(parse(EXAMPLE))).toEqual([]);
    const skill = fixture("price-watch.md");
    const block = skill.slice(skill.indexOf("```workflow\n") + 12, skill.lastIndexOf("```"));
    expect(problems(parse(block))).toEqual([]);
  });

  it("allows unknown keys, as the language ignores them", () => {
    const doc = edited((d) => {
      d["x-note"] = "ignored";
      (d.steps[0] as Record<string, unknown>)["colour"] = "blue";
    });
    expect(problems(doc)).toEqual([]);
  });

  it.each<[string, (d: { steps: Record<string, unknown>[]; [k: string]: unknown }) => void]>([
    [
      "default on a step input",
      (d) =>
        ((d.steps[0]!["inputs"] as Record<string, Record<string, unknown>>)["q"]!["default"] = "x"),
    ],
    ["an unknown step type", (d) => (d.steps[0]!["type"] = "teleport")],
    ["an unknown transform operation", (d) => (d.steps[1]!["operation"] = "zip")],
    ["a missing tool", (d) => delete d.steps[0]!["tool"]],
    ["retry.max below 1", (d) => ((d.steps[0]!["retry"] as Record<string, unknown>)["max"] = 0)],
    ["a boolean condition", (d) => (d.steps[0]!["condition"] = true)],
    ["a numeric id", (d) => (d.steps[0]!["id"] = 5)],
    ["empty steps", (d) => (d.steps = [])],
    [
      "a bad type name",
      (d) => ((d["inputs"] as Record<string, Record<string, unknown>>)["query"]!["type"] = "text"),
    ],
  ])("rejects %s, as the parser does", (_label, edit) => {
    const doc = edited(edit);
    expect(problems(doc).length).toBeGreaterThan(0);
    const outcome = parseWorkflowDocument(`\`\`\`workflow\n${JSON.stringify(doc)}\n\`\`\`\n`);
    expect(outcome.ok).toBe(false);
  });
});
