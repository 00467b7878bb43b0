// Tests for parsing and loading eval suites: the common format, YAML, and located diagnostics.
import { mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSuite, parseSuite, type SuiteDiagnostic } from "../../src/suite/index.js";

const COMMON = `{
  "skill_name": "pdf-forms",
  "evals": [
    {
      "id": 1,
      "prompt": "Fill in the W-9",
      "expected_output": "A filled form",
      "files": ["evals/files/w9.pdf"],
      "expectations": ["The name field is filled", "The TIN is masked"]
    },
    {
      "id": "two",
      "prompt": "Summarise the form",
      "assertions": [{ "type": "contains", "value": "Taxpayer", "ignore_case": true }]
    }
  ]
}`;

/** Code, line, column and path of each diagnostic: what the tests pin down. */
const where = (ds: SuiteDiagnostic[]) =>
  ds.map((d) => ({ code: d.code, line: d.line, column: d.column, path: d.path }));

describe("parseSuite", () => {
  it("reads the common evals.json format", () => {
    const { suite, diagnostics } = parseSuite(COMMON, "evals.json");
    expect(diagnostics).toEqual([]);
    expect(suite).toEqual({
      skillName: "pdf-forms",
      cases: [
        {
          id: "1",
          prompt: "Fill in the W-9",
          expectedOutput: "A filled form",
          files: ["evals/files/w9.pdf"],
          assertions: [
            {
              type: "llm-judge",
              criteria: [{ description: "The name field is filled", weight: 1 }],
            },
            { type: "llm-judge", criteria: [{ description: "The TIN is masked", weight: 1 }] },
          ],
        },
        {
          id: "two",
          prompt: "Summarise the form",
          files: [],
          assertions: [{ type: "contains", value: "Taxpayer", ignoreCase: true }],
        },
      ],
    });
  });

  it("reads the YAML variant with every assertion type and a trigger set", () => {
    const yaml = [
      "skill_name: reports",
      "evals:",
      "  - id: a",
      "    prompt: Make a report",
      "    assertions:",
      "      - { type: equals, value: 42, trim: false }",
      "      - { type: not-contains, value: TODO }",
      "      - { type: regex, pattern: '^#', flags: m }",
      "      - type: json-schema",
      "        schema: { type: object, required: [title] }",
      "      - { type: skill-used }",
      "      - { type: skill-used, skill: other }",
      "      - { type: max-cost, usd: 0.05 }",
      "      - { type: max-latency, ms: 30000 }",
      "      - { type: max-tokens, tokens: 8000 }",
      "      - type: llm-judge",
      "        criteria: [Clear, { description: Accurate, weight: 3 }]",
      "        threshold: 0.8",
      "        model: judge-model",
      "trigger:",
      "  should_trigger: [Write a quarterly report]",
      "  should_not_trigger: [What is 2 + 2?]",
    ].join("\n");
    const { suite, diagnostics } = parseSuite(yaml, "evals.yaml");
    expect(diagnostics).toEqual([]);
    expect(suite?.trigger).toEqual({
      shouldTrigger: ["Write a quarterly report"],
      shouldNotTrigger: ["What is 2 + 2?"],
    });
    expect(suite?.cases[0]?.assertions).toEqual([
      { type: "equals", value: "42", trim: false },
      { type: "not-contains", value: "TODO" },
      { type: "regex", pattern: "^#", flags: "m" },
      { type: "json-schema", schema: { type: "object", required: ["title"] } },
      { type: "skill-used", skill: "reports" },
      { type: "skill-used", skill: "other" },
      { type: "max-cost", usd: 0.05 },
      { type: "max-latency", ms: 30000 },
      { type: "max-tokens", tokens: 8000 },
      {
        type: "llm-judge",
        criteria: [
          { description: "Clear", weight: 1 },
          { description: "Accurate", weight: 3 },
        ],
        threshold: 0.8,
        model: "judge-model",
      },
    ]);
  });

  it("accepts a trigger set written as a list of queries, with no cases", () => {
    const text = `skill_name: s
trigger:
  - { query: make a chart, should_trigger: true }
  - { query: tell a joke, should_trigger: false }`;
    const { suite, diagnostics } = parseSuite(text, "evals.yml");
    expect(diagnostics).toEqual([]);
    expect(suite).toEqual({
      skillName: "s",
      cases: [],
      trigger: { shouldTrigger: ["make a chart"], shouldNotTrigger: ["tell a joke"] },
    });
  });

  it("locates a missing prompt in case 2 at that case", () => {
    const text = `{
  "skill_name": "s",
  "evals": [
    { "id": 1, "prompt": "p" },
    { "id": 2 }
  ]
}`;
    const { suite, diagnostics } = parseSuite(text, "evals.json");
    expect(suite).toBeUndefined();
    expect(where(diagnostics)).toEqual([
      { code: "MISSING_FIELD", line: 5, column: 5, path: "evals[1].prompt" },
    ]);
    expect(diagnostics[0]).toMatchObject({ file: "evals.json", severity: "error" });
  });

  it("collects every problem with its line, column and path", () => {
    const text = `{
  "skill_name": "s",
  "evals": [
    { "id": 1, "prompt": "p", "assertions": [{ "type": "contain", "value": "x" }] },
    { "id": 2, "prompt": "p", "assertions": [{ "type": "regex", "pattern": "(" }] },
    { "id": 1, "prompt": "p", "files": ["../x", "/etc/passwd", "ok/../../y"] },
    { "id": 4, "prompt": "", "assertions": [{ "type": "max-cost", "usd": -1 }] },
    { "id": 5, "prompt": "p", "assertions": [{ "type": "regex", "pattern": "a", "flags": "q" }] },
    { "id": 6, "prompt": "p", "assertions": [{ "type": "json-schema", "schema": { "type": 12 } }] },
    { "id": 7, "prompt": "p", "assertions": [{ "type": "llm-judge", "criteria": [] }] },
    { "id": 8, "prompt": "p", "assertions": [{ "type": "llm-judge", "criteria": [{ "description": "d", "weight": 0 }], "threshold": 2 }] },
    { "id": 9, "prompt": "p", "assertions": [{ "value": "x" }, 7] }
  ]
}`;
    const { suite, diagnostics } = parseSuite(text, "evals.json");
    expect(suite).toBeUndefined();
    // Each expected place is found by a needle on its line, so the columns are not hand-counted.
    const at = (code: string, line: number, needle: string, path: string, nth = 0) => {
      const source = text.split("\n")[line - 1]!;
      let column = -1;
      for (let i = 0; i <= nth; i++) column = source.indexOf(needle, column + 1);
      return { code, line, column: column + 1, path };
    };
    expect(where(diagnostics)).toEqual([
      at("UNKNOWN_ASSERTION", 4, '"contain"', "evals[0].assertions[0].type"),
      at("INVALID_FIELD", 5, '"("', "evals[1].assertions[0].pattern"),
      at("DUPLICATE_ID", 6, "1,", "evals[2].id"),
      at("PATH_OUTSIDE_SKILL", 6, '"../x"', "evals[2].files[0]"),
      at("PATH_OUTSIDE_SKILL", 6, '"/etc', "evals[2].files[1]"),
      at("PATH_OUTSIDE_SKILL", 6, '"ok/', "evals[2].files[2]"),
      at("INVALID_FIELD", 7, '""', "evals[3].prompt"),
      at("INVALID_FIELD", 7, "-1", "evals[3].assertions[0].usd"),
      at("INVALID_FIELD", 8, '"q"', "evals[4].assertions[0].flags"),
      at("INVALID_FIELD", 9, '{ "type": 12', "evals[5].assertions[0].schema"),
      at("INVALID_FIELD", 10, "[]", "evals[6].assertions[0].criteria"),
      at("INVALID_FIELD", 11, "0 }", "evals[7].assertions[0].criteria[0].weight"),
      at("INVALID_FIELD", 11, "2 }", "evals[7].assertions[0].threshold"),
      at("MISSING_FIELD", 12, '{ "value"', "evals[8].assertions[0].type"),
      at("INVALID_FIELD", 12, "7]", "evals[8].assertions[1]"),
    ]);
    expect(diagnostics[2]?.message).toBe("id 1 is already used by evals[0] (line 4)");
    expect(diagnostics.every((d) => d.severity === "error")).toBe(true);
  });

  it("refuses patterns the linear-time engine cannot run when the suite is read", () => {
    const text = [
      "skill_name: s",
      "evals:",
      "  - id: 1",
      "    prompt: p",
      "    assertions:",
      "      - { type: regex, pattern: 'a(?=b)' }",
      "      - { type: regex, pattern: '(a)\\1' }",
      "      - { type: json-schema, schema: { type: string, pattern: '^(?!x)' } }",
      "      - { type: regex, pattern: '(?<y>\\d{4})', flags: v }",
    ].join("\n");
    const { suite, diagnostics } = parseSuite(text, "e.yaml");
    expect(suite).toBeUndefined();
    const at = (line: number, needle: string, path: string) => ({
      code: "INVALID_FIELD",
      line,
      column: text.split("\n")[line - 1]!.indexOf(needle) + 1,
      path: `evals[0].assertions[${path}`,
    });
    expect(where(diagnostics)).toEqual([
      at(6, "'a(?=b)'", "0].pattern"),
      at(7, "'(a)", "1].pattern"),
      at(8, "{ type: string", "2].schema"),
      at(9, "v }", "3].flags"),
    ]);
    expect(diagnostics.map((d) => /offset (\d+)/.exec(d.message)?.[1])).toEqual([
      "1",
      "3",
      "1",
      undefined,
    ]);
  });

  it("reports syntax errors with their place and no suite", () => {
    const { suite, diagnostics } = parseSuite('{\n  "skill_name": "s",\n  "evals": [\n}', "e.json");
    expect(suite).toBeUndefined();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.code === "INVALID_SYNTAX" && d.line >= 1)).toBe(true);
  });

  it("requires skill_name and evals, and a mapping at the root", () => {
    expect(where(parseSuite("{}", "e.json").diagnostics)).toEqual([
      { code: "MISSING_FIELD", line: 1, column: 1, path: "skill_name" },
      { code: "MISSING_FIELD", line: 1, column: 1, path: "evals" },
    ]);
    expect(where(parseSuite("[1]", "e.json").diagnostics)).toEqual([
      { code: "INVALID_FIELD", line: 1, column: 1, path: "" },
    ]);
  });

  it("warns about unknown fields but still returns the suite", () => {
    const text = `skill_name: s\nevals:\n  - id: 1\n    prompt: p\n    asertions: []\n`;
    const { suite, diagnostics } = parseSuite(text, "e.yaml");
    expect(suite?.cases).toHaveLength(1);
    expect(diagnostics).toMatchObject([
      {
        code: "UNKNOWN_FIELD",
        severity: "warning",
        line: 5,
        column: 5,
        path: "evals[0].asertions",
      },
    ]);
  });
});

describe("loadSuite", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  async function skill(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "suite-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(dir, name, ".."), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    return dir;
  }

  it("loads evals/evals.json and checks the named files exist", async () => {
    const dir = await skill({ "evals/evals.json": COMMON, "evals/files/w9.pdf": "%PDF" });
    const loaded = await loadSuite(dir);
    expect(loaded.file).toBe(join(dir, "evals/evals.json"));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.suite?.cases.map((c) => c.id)).toEqual(["1", "two"]);
  });

  it("reports a missing input file at its place", async () => {
    const dir = await skill({ "evals/evals.json": COMMON });
    const loaded = await loadSuite(dir);
    expect(loaded.suite).toBeUndefined();
    expect(where(loaded.diagnostics)).toEqual([
      { code: "MISSING_FILE", line: 8, column: 17, path: "evals[0].files[0]" },
    ]);
  });

  it("falls back to YAML and warns when several suite files exist", async () => {
    const yaml = "skill_name: s\nevals:\n  - { id: 1, prompt: p }\n";
    const only = await loadSuite(await skill({ "evals/evals.yml": yaml }));
    expect(only.suite?.skillName).toBe("s");
    const both = await skill({ "evals/evals.yaml": yaml, "evals/evals.yml": yaml });
    const loaded = await loadSuite(both);
    expect(loaded.file).toBe(join(both, "evals/evals.yaml"));
    expect(loaded.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["AMBIGUOUS_SUITE", join(both, "evals/evals.yml")],
    ]);
  });

  it("says when a skill has no suite", async () => {
    const loaded = await loadSuite(await skill({ "SKILL.md": "---\nname: s\n---\n" }));
    expect(loaded.suite).toBeUndefined();
    expect(loaded.file).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.code, d.severity])).toEqual([["NO_SUITE", "warning"]]);
  });
});
