// The YAML dialect (§1.4), prototype safety, and the SourceMap of a parsed document.
import { describe, expect, it } from "vitest";
import { SourceText } from "../../src/parse/_text.js";
import { parseWorkflowDocument, type ParseSuccess } from "../../src/parse/index.js";
import { parseYaml } from "../../src/parse/yaml.js";
import { at, skill } from "./_helpers.js";

function yamlValue(text: string): unknown {
  const result = parseYaml(new SourceText(text), 0, text);
  if (!result.ok) throw new Error(result.diagnostics[0]?.message);
  return result.value;
}

function parsed(content: string): ParseSuccess {
  const outcome = parseWorkflowDocument(content);
  if (!outcome.ok)
    throw new Error(`${outcome.message}: ${outcome.diagnostics.map((d) => d.message).join("; ")}`);
  return outcome;
}

describe("dialect", () => {
  it("is YAML 1.2 core: dates, yes/no and tagged timestamps stay strings; 2.0 is 2", () => {
    expect(
      yamlValue(
        "d: 2024-01-31\ny: yes\nn: no\nt: !!timestamp 2024-01-31\nf: 2.0\no: 0o17\nnull: ~\n",
      ),
    ).toEqual({
      d: "2024-01-31",
      y: "yes",
      n: "no",
      t: "2024-01-31",
      f: 2,
      o: 15,
      null: null,
    });
  });

  it("has no merge keys (<< is an ordinary key)", () => {
    expect(yamlValue("a: &x { k: 1 }\nb: { <<: *x }\n")).toEqual({
      a: { k: 1 },
      b: { "<<": { k: 1 } },
    });
  });

  it("keeps __proto__ as an own data property and never changes a prototype", () => {
    const value = yamlValue(
      "__proto__: { polluted: true }\nnested:\n  __proto__: { polluted: true }\n",
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    const nested = value["nested"] as object;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.hasOwn(nested, "__proto__")).toBe(true);
  });

  it("rejects a __proto__ key anywhere in a workflow, even where unknown keys are ignored", () => {
    for (const yaml of [
      "__proto__: {}\nsteps: []\n",
      "steps:\n  - id: a\n    type: tool\n    tool: t\n    __proto__: { tool: x }\n",
    ]) {
      const outcome = parseWorkflowDocument(skill(yaml));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.diagnostics.map((d) => d.path.at(-1))).toContain("__proto__");
    }
  });

  it("drops unknown keys and applies defaults", () => {
    const { workflow } = parsed(
      skill("extra: 1\nsteps:\n  - id: a\n    type: tool\n    tool: t\n    colour: blue\n"),
    );
    expect(workflow).toEqual({
      inputs: {},
      outputs: {},
      steps: [{ id: "a", type: "tool", tool: "t", inputs: {}, outputs: {} }],
    });
  });
});

describe("SourceMap", () => {
  const yaml = [
    "inputs:",
    "  url: { type: string }",
    "steps:",
    "  - id: fetch",
    "    type: tool",
    "    tool: get",
    "    condition: $inputs.url != null",
    '    each: "$inputs.list"',
    "    description: 'it''s $x'",
    "    inputs:",
    '      q: { type: string, value: "a\\tb $inputs.url" }',
    "      r:",
    "        type: string",
    "        value: |",
    "          $inputs.url",
    "",
  ].join("\n");
  const content = skill(yaml);
  const { sourceMap } = parsed(content);

  it("locates values and keys in the whole file", () => {
    expect(sourceMap.locate(["steps", 0, "tool"])).toMatchObject(at(content, "get"));
    expect(sourceMap.locate(["steps", 0, "tool"], true)).toMatchObject(at(content, "tool: get"));
    expect(sourceMap.locate(["steps", 0])).toMatchObject(at(content, "id: fetch"));
    expect(sourceMap.locate(["inputs", "url", "type"])).toMatchObject(at(content, "string"));
    expect(sourceMap.locate([])).toMatchObject(at(content, "inputs:"));
  });

  it("returns undefined for missing nodes", () => {
    expect(sourceMap.locate(["steps", 3])).toBeUndefined();
    expect(sourceMap.locate(["steps", 0, "retry"])).toBeUndefined();
    expect(sourceMap.locate(["steps", 0, "tool", "deeper"])).toBeUndefined();
  });

  it("offsets point into the original content", () => {
    const position = sourceMap.locate(["steps", 0, "tool"]);
    expect(content.slice(position?.offset, (position?.offset ?? 0) + 3)).toBe("get");
    expect(sourceMap.position(position?.offset ?? 0)).toEqual(position);
  });

  it("maps characters of plain and quoted scalars exactly", () => {
    expect(sourceMap.locateInString(["steps", 0, "condition"], 12)).toMatchObject(
      at(content, "!= null"),
    );
    expect(sourceMap.locateInString(["steps", 0, "each"], 1)).toMatchObject(
      at(content, "inputs.list"),
    );
    expect(sourceMap.locateInString(["steps", 0, "description"], 5)).toMatchObject(
      at(content, "$x"),
    );
    expect(sourceMap.locateInString(["steps", 0, "inputs", "q", "value"], 4)).toMatchObject(
      at(content, '$inputs.url"'),
    );
  });

  it("falls back to the scalar start for block scalars, and clamps indexes", () => {
    expect(sourceMap.locateInString(["steps", 0, "inputs", "r", "value"], 3)).toMatchObject(
      at(content, "|"),
    );
    expect(sourceMap.locateInString(["steps", 0, "tool"], 99)).toMatchObject(
      at(content, "get", 1, 3),
    );
    expect(sourceMap.locateInString(["steps", 0, "nope"], 0)).toBeUndefined();
  });

  it("works on CRLF content", () => {
    const crlf = content.replace(/\n/g, "\r\n");
    const map = parsed(crlf).sourceMap;
    const position = map.locateInString(["steps", 0, "condition"], 12);
    expect(position).toMatchObject(at(crlf, "!= null"));
    expect(crlf.slice(position?.offset, (position?.offset ?? 0) + 2)).toBe("!=");
  });

  it("follows aliases to the anchored node", () => {
    const text =
      "x: &decl { type: string }\nsteps:\n  - id: a\n    type: tool\n    tool: t\n    inputs: { u: *decl }\n";
    const map = parsed(text).sourceMap;
    expect(map.locate(["steps", 0, "inputs", "u"])).toMatchObject(at(text, "*decl"));
    expect(map.locate(["steps", 0, "inputs", "u", "type"])).toMatchObject(at(text, "string"));
  });
});
