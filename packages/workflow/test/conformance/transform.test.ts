// Conformance: transform steps (§3.6, C30): input array selection, raw result key, filter with host
// truthiness, map value resolution, stable sort with nulls last in both directions.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { record, runSkill, skill } from "./helpers.js";
import type { SkillRunOptions } from "./helpers.js";

/**
 * Runs a workflow whose step `src` (tool) returns `{ list: data }` and whose step `t` is a transform
 * with the given body (operation fields, inputs, outputs), indented for a step mapping.
 */
async function transform(body: string, data: unknown, options: SkillRunOptions = {}) {
  const adapter = new MockToolAdapter();
  adapter.register("src", () => ({ output: { list: data } }));
  const yaml = `
    steps:
      - id: src
        type: tool
        tool: src
      - id: t
        type: transform
${body
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => `        ${l}`)
  .join("\n")}
  `;
  const harness = await runSkill(skill(yaml), { toolAdapter: adapter, ...options });
  return { ...harness, t: record(harness.log, "t") };
}

const FROM_SRC = "inputs: { items: { type: array, value: $steps.src.output.list } }";
const KEEP_ALL = 'operation: filter\nwhere: "true"';

describe("input array selection (§3.6)", () => {
  it("1. the input named items, if it is an array (whatever its position)", async () => {
    const { t } = await transform(
      `${KEEP_ALL}
inputs:
  first: { type: array, value: [9] }
  items: { type: array, value: [1, 2] }`,
      null,
    );
    expect(t.output).toEqual({ items: [1, 2] });
  });

  it("2. else the first input (declaration order) holding an array", async () => {
    const { t } = await transform(
      `${KEEP_ALL}
inputs:
  items: { type: string, value: "not a list" }
  b: { type: array, value: [3] }
  c: { type: array, value: [4] }`,
      null,
    );
    expect(t.output).toEqual({ items: [3] });
  });

  it("3. else a one-element array holding the first input's non-null value", async () => {
    const a = await transform(
      `${KEEP_ALL}
inputs:
  a: { type: object, value: { k: 1 } }
  b: { type: string, value: "s" }`,
      null,
    );
    expect(a.t.output).toEqual({ items: [{ k: 1 }] });
    const b = await transform(`${KEEP_ALL}\ninputs: { a: { type: string, value: solo } }`, null);
    expect(b.t.output).toEqual({ items: ["solo"] });
  });

  it("4. else the empty array (null first input, no inputs)", async () => {
    const a = await transform(
      `${KEEP_ALL}
inputs:
  a: { type: string, value: null }
  b: { type: string, value: "x" }`,
      null,
    );
    expect(a.t.output).toEqual({ items: [] });
    const b = await transform(KEEP_ALL, null);
    expect(b.t.output).toEqual({ items: [] });
    expect(b.t.inputs).toEqual({});
  });

  it("a transform fed by a guard-skipped or failed step produces []", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("bad", () => ({ output: null, error: "no" }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: skipped, type: tool, tool: bad, condition: "false" }
          - { id: failed, type: tool, tool: bad, on_error: ignore }
          - id: t1
            type: transform
            operation: filter
            where: "true"
            inputs: { items: { type: array, value: $steps.skipped.output.items } }
          - id: t2
            type: transform
            operation: sort
            field: x
            inputs: { items: { type: array, value: $steps.failed.output.items } }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(record(log, "t1").output).toEqual({ items: [] });
    expect(record(log, "t2").output).toEqual({ items: [] });
  });
});

describe("raw result key (§3.6, §3.4)", () => {
  it("is the first declared output name", async () => {
    const { t } = await transform(
      `${KEEP_ALL}
${FROM_SRC}
outputs:
  kept: { type: array }
  other: { type: array, nullable: true }`,
      [1, 2],
    );
    // No declared output has a value → the raw result passes through unchanged.
    expect(t.output).toStrictEqual({ kept: [1, 2] });
  });

  it("is items when no outputs are declared", async () => {
    const { t } = await transform(`${KEEP_ALL}\n${FROM_SRC}`, ["a"]);
    expect(t.output).toStrictEqual({ items: ["a"] });
  });

  it("$result.<first declared name> reaches the array", async () => {
    const { t } = await transform(
      `${KEEP_ALL}
${FROM_SRC}
outputs:
  n: { type: int, value: $result.n.length }`,
      [1, 2, 3],
    );
    expect(t.output).toStrictEqual({ n: 3 });
  });

  it("$result.items is absent when the first declared name is not items (typeCheck off)", async () => {
    const { t, log } = await transform(
      `${KEEP_ALL}
${FROM_SRC}
outputs:
  n: { type: int, value: $result.items.length }`,
      [1, 2, 3],
      { typeCheck: "off" },
    );
    expect(log.status).toBe("success");
    expect(t.status).toBe("success");
    expect(t.output).toEqual({ n: undefined });
    expect(Object.keys(t.output as object)).toEqual(["n"]);
  });

  it("…and fails the output type test with typeCheck on (D1)", async () => {
    const { t, log } = await transform(
      `${KEEP_ALL}
${FROM_SRC}
outputs:
  n: { type: int, value: $result.items.length }`,
      [1, 2, 3],
    );
    expect(log.status).toBe("failed");
    expect(t).toMatchObject({
      status: "failed",
      error: 'Output "n" of step "t" must be int, got absent',
    });
  });
});

describe("filter (§3.6)", () => {
  it("keeps elements whose where is host-truthy, preserving order", async () => {
    const data = [
      { id: 0, v: 0 },
      { id: 1, v: "" },
      { id: 2, v: [] },
      { id: 3, v: {} },
      { id: 4, v: "0" },
      { id: 5, v: null },
      { id: 6, v: Number.NaN },
      { id: 7, v: 1 },
      { id: 8 },
      { id: 9, v: "false" },
      { id: 10, v: false },
      { id: 11, v: -0 },
    ];
    const { t } = await transform(`operation: filter\nwhere: $item.v\n${FROM_SRC}`, data);
    expect((t.output as { items: { id: number }[] }).items.map((x) => x.id)).toEqual([
      2, 3, 4, 7, 9,
    ]);
  });

  it("binds $index and sees $inputs; && / || / ! use language truthiness", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("src", () => ({
      output: {
        list: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4, hidden: true }, { n: 5, hidden: [] }],
      },
    }));
    const { log } = await runSkill(
      skill(`
        inputs:
          skip: { type: int }
        steps:
          - { id: src, type: tool, tool: src }
          - id: t
            type: transform
            operation: filter
            where: $index >= 1 && $item.n != $inputs.skip && !$item.hidden
            inputs: { items: { type: array, value: $steps.src.output.list } }
            outputs: { items: { type: array } }
      `),
      { toolAdapter: adapter, inputs: { skip: 3 } },
    );
    // ![] is true: [] is language-falsy (§4.8).
    expect(record(log, "t").output).toEqual({ items: [{ n: 2 }, { n: 5, hidden: [] }] });
  });
});

describe("map (§3.6)", () => {
  it("resolves literals, expressions, nested mappings and $$; templates are not interpolated", async () => {
    const { t } = await transform(
      `operation: map
${FROM_SRC}
expression:
  name: $item.name
  idx: $index
  big: $item.score > 5
  first_tag: "$item.tags[0]"
  label: "n=\${item.name}"
  fixed: constant
  price: "$$5"
  num: 42
  flag: true
  none: null
  list: [1, "$item.name"]
  nested:
    s: $item.score
    deeper:
      tag_count: $item.tags.length
      text: "plain"`,
      [
        { name: "a", score: 3, tags: ["x"] },
        { name: "b", score: 9, tags: [] },
      ],
    );
    expect(t.output).toStrictEqual({
      items: [
        {
          name: "a",
          idx: 0,
          big: false,
          first_tag: "x",
          label: "n=${item.name}",
          fixed: "constant",
          price: "$5",
          num: 42,
          flag: true,
          none: null,
          list: [1, "$item.name"],
          nested: { s: 3, deeper: { tag_count: 1, text: "plain" } },
        },
        {
          name: "b",
          idx: 1,
          big: true,
          first_tag: undefined,
          label: "n=${item.name}",
          fixed: "constant",
          price: "$5",
          num: 42,
          flag: true,
          none: null,
          list: [1, "$item.name"],
          nested: { s: 9, deeper: { tag_count: 0, text: "plain" } },
        },
      ],
    });
  });
});

describe("sort (§3.6)", () => {
  const ids = (out: unknown) => (out as { items: { id: number }[] }).items.map((x) => x.id);

  it("is stable for equal keys in both directions (default asc)", async () => {
    const data = [
      { id: 1, s: 2 },
      { id: 2, s: 1 },
      { id: 3, s: 2 },
      { id: 4, s: 1 },
    ];
    const asc = await transform(`operation: sort\nfield: s\n${FROM_SRC}`, data);
    expect(ids(asc.t.output)).toEqual([2, 4, 1, 3]);
    const desc = await transform(`operation: sort\nfield: s\ndirection: desc\n${FROM_SRC}`, data);
    expect(ids(desc.t.output)).toEqual([1, 3, 2, 4]);
  });

  it("sinks null and absent keys to the end in both directions", async () => {
    const data = [{ id: 1, s: null }, { id: 2, s: 5 }, { id: 3 }, { id: 4, s: 1 }, { id: 5, s: 3 }];
    const asc = await transform(`operation: sort\nfield: s\ndirection: asc\n${FROM_SRC}`, data);
    expect(ids(asc.t.output)).toEqual([4, 5, 2, 1, 3]);
    const desc = await transform(`operation: sort\nfield: s\ndirection: desc\n${FROM_SRC}`, data);
    expect(ids(desc.t.output)).toEqual([2, 5, 4, 1, 3]);
  });

  it("compares numbers numerically and strings by UTF-16 code units", async () => {
    const nums = await transform(`operation: sort\nfield: v\n${FROM_SRC}`, [
      { id: 1, v: 10 },
      { id: 2, v: 9 },
      { id: 3, v: 100 },
      { id: 4, v: -1.5 },
    ]);
    expect(ids(nums.t.output)).toEqual([4, 2, 1, 3]);
    const strs = await transform(`operation: sort\nfield: v\n${FROM_SRC}`, [
      { id: 1, v: "9" },
      { id: 2, v: "a" },
      { id: 3, v: "10" },
      { id: 4, v: "B" },
    ]);
    // "10" < "9" < "B" < "a"
    expect(ids(strs.t.output)).toEqual([3, 1, 4, 2]);
  });

  it("follows dot paths through mappings and lists; non-objects along the way yield absent", async () => {
    const a = await transform(`operation: sort\nfield: meta.rank\n${FROM_SRC}`, [
      { id: 1, meta: { rank: 3 } },
      { id: 2, meta: "str" },
      { id: 3, meta: { rank: 1 } },
      { id: 4 },
      { id: 5, meta: { rank: 2 } },
    ]);
    expect(ids(a.t.output)).toEqual([3, 5, 1, 2, 4]);
    const b = await transform(`operation: sort\nfield: tags.0\ndirection: desc\n${FROM_SRC}`, [
      { id: 1, tags: ["b"] },
      { id: 2, tags: ["c"] },
      { id: 3, tags: [] },
      { id: 4, tags: ["a"] },
    ]);
    expect(ids(b.t.output)).toEqual([2, 1, 4, 3]);
  });

  it("leaves an array of primitives in input order", async () => {
    const { t } = await transform(`operation: sort\nfield: x\n${FROM_SRC}`, [3, 1, 2]);
    expect(t.output).toStrictEqual({ items: [3, 1, 2] });
  });

  it("returns a new array and leaves its input (a tool output) untouched", async () => {
    const data = [{ id: 2 }, { id: 1 }];
    const { log, t } = await transform(`operation: sort\nfield: id\n${FROM_SRC}`, data);
    expect(ids(t.output)).toEqual([1, 2]);
    expect(data.map((x) => x.id)).toEqual([2, 1]);
    expect(record(log, "src").output).toEqual({ list: [{ id: 2 }, { id: 1 }] });
    expect(t.inputs).toEqual({ items: [{ id: 2 }, { id: 1 }] });
  });
});
