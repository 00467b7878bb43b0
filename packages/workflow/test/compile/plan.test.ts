// Unit tests of `compile()`: branch ids, top-level order, timings in ms, defaults and output mapping flags.
import { describe, expect, it } from "vitest";
import { compile, type CompiledStep, type Plan } from "../../src/compile/plan.js";
import { ExpressionCache } from "../../src/expression/cache.js";
import { LexError } from "../../src/expression/errors.js";
import type { RuntimeContext } from "../../src/model/run-log.js";
import type { WorkflowDefinition } from "../../src/model/schema.js";
import { parseWorkflowFromMd } from "../../src/parse/document.js";

/** Compiles bare workflow YAML (accepted by the parser, §1.3 K1). */
function planOf(yaml: string, cache = new ExpressionCache()): Plan {
  return compile(parseWorkflowFromMd(yaml), cache);
}

function stepOf(plan: Plan, id: string): CompiledStep {
  const step = plan.byId.get(id);
  if (!step) throw new Error(`no step "${id}"`);
  return step;
}

const ctx = (parts: Partial<RuntimeContext> = {}): RuntimeContext => ({
  inputs: {},
  steps: {},
  ...parts,
});

const FULL = `
timeout: 30s
outputs:
  out: { type: object, value: $steps.fetch.output }
  plain: { type: string }
steps:
  - id: fetch
    type: tool
    tool: web
    description: Fetch things
    retry: { max: 2, delay: 500ms, backoff: 1.5 }
    inputs:
      url: { type: string, value: "https://example.test" }
      unset: { type: string }
      nil: { type: string, value: null }
      flag: { type: boolean, value: $inputs.on }
    outputs:
      data: { type: object }
  - id: per_item
    type: tool
    tool: web
    each: $steps.fetch.output.list
    concurrency: 4
    delay: 250ms
    timeout: 2m
    on_error: ignore
    outputs:
      body: { type: string, value: $result.body }
      code: { type: int }
  - id: pick
    type: conditional
    condition: $steps.fetch.output.ok
    then: [yes]
    else: [no, keep]
  - id: keep
    type: transform
    operation: filter
    where: $item.ok
    inputs: { items: { type: array, value: $steps.fetch.output.list } }
    outputs: { items: { type: array } }
  - id: yes
    type: exit
    status: success
    output: { count: 1 }
  - id: no
    type: exit
    condition: $inputs.on
    status: failed
  - id: done
    type: exit
    status: success
`;

describe("compile(): structure", () => {
  const plan = planOf(FULL);

  it("compiles every step in declaration order with its index and definition", () => {
    expect(plan.steps.map((s) => [s.index, s.id])).toEqual([
      [0, "fetch"],
      [1, "per_item"],
      [2, "pick"],
      [3, "keep"],
      [4, "yes"],
      [5, "no"],
      [6, "done"],
    ]);
    plan.steps.forEach((s, i) => expect(s.step).toBe(plan.workflow.steps[i]));
  });

  it("collects branch ids from then and else lists and leaves them out of the top level", () => {
    expect([...plan.branchIds].sort()).toEqual(["keep", "no", "yes"]);
    expect(plan.topLevel.map((s) => s.id)).toEqual(["fetch", "per_item", "pick", "done"]);
    for (const s of plan.topLevel) expect(stepOf(plan, s.id)).toBe(s);
  });

  it("compiles each executor by step type", () => {
    expect(stepOf(plan, "fetch").executor).toEqual({ type: "tool", tool: "web" });
    const pick = stepOf(plan, "pick").executor;
    if (pick.type !== "conditional") throw new Error("expected a conditional");
    expect(pick.then).toEqual(["yes"]);
    expect(pick.else).toEqual(["no", "keep"]);
    expect(pick.predicate(ctx({ steps: { fetch: { output: { ok: true } } } }))).toBe(true);
    const keep = stepOf(plan, "keep").executor;
    if (keep.type !== "transform") throw new Error("expected a transform");
    expect(keep.run([{ ok: 1 }, { ok: 0 }], ctx())).toEqual([{ ok: 1 }]);
    const yes = stepOf(plan, "yes").executor;
    if (yes.type !== "exit") throw new Error("expected an exit");
    expect(yes.status).toBe("success");
    expect(yes.output(ctx())).toEqual({ count: 1 });
    const no = stepOf(plan, "no").executor;
    expect(no.type === "exit" && [no.status, no.output(ctx())]).toEqual(["failed", null]);
  });

  it("keeps the description; a conditional's condition is its predicate, never a guard", () => {
    expect(stepOf(plan, "fetch").description).toBe("Fetch things");
    expect(stepOf(plan, "keep").description).toBeUndefined();
    expect(stepOf(plan, "pick").guard).toBeUndefined();
    expect(stepOf(plan, "fetch").guard).toBeUndefined();
    const guard = stepOf(plan, "no").guard;
    expect(guard?.(ctx({ inputs: { on: true } }))).toBe(true);
    expect(guard?.(ctx({ inputs: { on: false } }))).toBe(false);
  });

  it("compiles each into a resolver; steps without each have none", () => {
    const each = stepOf(plan, "per_item").each;
    expect(each?.(ctx({ steps: { fetch: { output: { list: [1, 2] } } } }))).toEqual([1, 2]);
    expect(stepOf(plan, "fetch").each).toBeUndefined();
  });

  it("compiles only inputs that have a value (null is a value), keeping the raw text", () => {
    const inputs = stepOf(plan, "fetch").inputs;
    expect(inputs.map((i) => [i.name, i.raw])).toEqual([
      ["url", "https://example.test"],
      ["nil", null],
      ["flag", "$inputs.on"],
    ]);
    expect(inputs.map((i) => i.value(ctx({ inputs: { on: true } })))).toEqual([
      "https://example.test",
      null,
      true,
    ]);
  });

  it("compiles step and workflow outputs; value is null where none is declared", () => {
    const fields = stepOf(plan, "per_item").outputs;
    expect(fields.map((f) => [f.name, f.decl.type, f.value === null])).toEqual([
      ["body", "string", false],
      ["code", "int", true],
    ]);
    expect(fields[0]!.value!(ctx({ result: { body: "B" } }))).toBe("B");
    expect(plan.outputs.map((f) => [f.name, f.value === null])).toEqual([
      ["out", false],
      ["plain", true],
    ]);
    expect(plan.outputs[0]!.value!(ctx({ steps: { fetch: { output: { x: 1 } } } }))).toEqual({
      x: 1,
    });
  });

  it("sets mapsOutputs iff at least one declared output has a value (§3.4)", () => {
    expect(stepOf(plan, "per_item").mapsOutputs).toBe(true);
    expect(stepOf(plan, "fetch").mapsOutputs).toBe(false);
    expect(stepOf(plan, "keep").mapsOutputs).toBe(false);
    expect(stepOf(plan, "done").mapsOutputs).toBe(false);
  });
});

describe("compile(): policies and durations", () => {
  const plan = planOf(FULL);

  it("converts retry delay to ms and keeps max and backoff", () => {
    expect(stepOf(plan, "fetch").retry).toStrictEqual({
      max: 2,
      delayMs: 500,
      backoff: 1.5,
      maxDelayMs: undefined,
      jitter: false,
    });
    expect(stepOf(plan, "per_item").retry).toBeUndefined();
  });

  it("converts max_delay to ms and reads jitter (§13.2)", () => {
    const capped = planOf(`
steps:
  - { id: a, type: tool, tool: t, retry: { max: 3, delay: 1s, backoff: 2, max_delay: 2m, jitter: true } }
  - { id: b, type: tool, tool: t, retry: { max: 3, delay: 1s, backoff: 2, max_delay: 0ms, jitter: false } }
`);
    expect(stepOf(capped, "a").retry).toMatchObject({ maxDelayMs: 120_000, jitter: true });
    expect(stepOf(capped, "b").retry).toMatchObject({ maxDelayMs: 0, jitter: false });
  });

  it("inherits the workflow timeout unless the step declares its own", () => {
    expect(stepOf(plan, "fetch").timeoutMs).toBe(30_000);
    expect(stepOf(plan, "per_item").timeoutMs).toBe(120_000);
    expect(stepOf(plan, "done").timeoutMs).toBe(30_000);
  });

  it("has no timeout when neither the step nor the workflow declares one", () => {
    const bare = planOf("steps:\n  - { id: a, type: tool, tool: t }\n");
    expect(stepOf(bare, "a").timeoutMs).toBeUndefined();
  });

  it("converts every duration unit (§10.1)", () => {
    const units = planOf(`
timeout: 1h
steps:
  - { id: a, type: tool, tool: t, each: $inputs.l, delay: 0ms, timeout: 3s, retry: { max: 1, delay: 5m, backoff: 2 } }
  - { id: b, type: tool, tool: t, each: $inputs.l, delay: 2s }
`);
    expect(stepOf(units, "a")).toMatchObject({
      delayMs: 0,
      timeoutMs: 3_000,
      retry: { max: 1, delayMs: 300_000, backoff: 2 },
    });
    expect(stepOf(units, "b")).toMatchObject({ delayMs: 2_000, timeoutMs: 3_600_000 });
  });

  it("defaults: delay 0, concurrency 1, on_error fail", () => {
    const fetch = stepOf(plan, "fetch");
    expect([fetch.delayMs, fetch.concurrency, fetch.onError]).toEqual([0, 1, "fail"]);
    const each = stepOf(plan, "per_item");
    expect([each.delayMs, each.concurrency, each.onError]).toEqual([250, 4, "ignore"]);
  });
});

describe("compile(): expression handling", () => {
  it("defers syntax errors to evaluation instead of throwing", () => {
    const plan = planOf(`
steps:
  - id: a
    type: tool
    tool: t
    condition: "$a ="
    inputs: { x: { type: string, value: "$b =" } }
`);
    const a = stepOf(plan, "a");
    expect(() => a.guard!(ctx())).toThrow(LexError);
    expect(() => a.inputs[0]!.value(ctx())).toThrow(LexError);
  });

  it("parses each distinct text once: equal texts share one closure through the cache", () => {
    const cache = new ExpressionCache();
    const plan = planOf(
      `
steps:
  - { id: a, type: tool, tool: t, condition: $inputs.go }
  - { id: b, type: tool, tool: t, condition: $inputs.go }
`,
      cache,
    );
    expect(stepOf(plan, "a").guard).toBe(stepOf(plan, "b").guard);
    const cached = cache.expression("$inputs.go");
    expect(cached.ok && cached.compiled).toBe(stepOf(plan, "a").guard);
  });

  it("the last declaration of a duplicated id wins in byId (§5.2 index(x))", () => {
    const plan = planOf(`
steps:
  - { id: a, type: tool, tool: first }
  - { id: a, type: tool, tool: second }
`);
    expect(plan.steps).toHaveLength(2);
    expect(stepOf(plan, "a").index).toBe(1);
  });

  it("compiles a hand-built definition and references it as plan.workflow", () => {
    const workflow: WorkflowDefinition = {
      inputs: {},
      outputs: {},
      steps: [{ id: "x", type: "exit", status: "success", inputs: {}, outputs: {} }],
    };
    const plan = compile(workflow, new ExpressionCache());
    expect(plan.workflow).toBe(workflow);
    expect(plan.topLevel.map((s) => s.id)).toEqual(["x"]);
    expect(plan.outputs).toEqual([]);
  });

  // Validation treats an empty `condition` / `each` as not set (validate/structure.ts, reference
  // truthiness; test/validate/expressions.test.ts "an empty guard or each is not an expression"), so
  // such a document validates. compile() however checks `!== undefined` and turns "" into a closure
  // that throws `Unexpected token: EOF` at run time: the step fails although validation passed.
  // Spec: §3.1 / §6.3 step 1 ("if S has a condition"), §6.4, §12 D2 (syntax errors are validate
  // errors, never run-time surprises).
  it("an empty condition counts as unset (no guard)", () => {
    const plan = planOf(`steps:\n  - { id: a, type: tool, tool: t, condition: "" }\n`);
    expect(stepOf(plan, "a").guard).toBeUndefined();
  });

  it("an empty each counts as unset (no iteration)", () => {
    const plan = planOf(`steps:\n  - { id: a, type: tool, tool: t, each: "" }\n`);
    expect(stepOf(plan, "a").each).toBeUndefined();
  });
});
