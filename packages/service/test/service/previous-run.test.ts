// previous_run: the last successful run of the same workflow, never the current run nor another workflow's.
import { MemoryRunStore } from "@skillflow/store";
import { testRunLog, testRunStart } from "@skillflow/store/testing";
import { MockToolAdapter, type RunLog } from "@skillflow/workflow";
import { describe, expect, it } from "vitest";
import {
  PREVIOUS_RUN_TOOL,
  previousOutputsFromStore,
  previousRunTool,
  withPreviousRun,
} from "../../src/index.js";

function record(
  store: MemoryRunStore,
  id: string,
  startedAt: string,
  log: Partial<RunLog> = {},
  workflow = "check",
): void {
  const start = testRunStart(id, { workflow, startedAt });
  store.begin(start).finish(testRunLog(start, log));
}

const call = (adapter: ReturnType<typeof withPreviousRun>, args: Record<string, unknown> = {}) =>
  adapter.invoke(PREVIOUS_RUN_TOOL, args);

describe("withPreviousRun", () => {
  it("answers the newest successful run of the same workflow with its id, times and outputs", async () => {
    const store = new MemoryRunStore();
    record(store, "r1", "2030-01-01T00:00:00.000Z", { outputs: { n: 1 } });
    record(store, "r2", "2030-01-02T00:00:00.000Z", { outputs: { n: 2 } });
    record(store, "r3", "2030-01-03T00:00:00.000Z", { status: "failed", outputs: { n: 3 } });
    record(store, "other", "2030-01-04T00:00:00.000Z", { outputs: { n: 9 } }, "other-flow");
    const adapter = withPreviousRun(new MockToolAdapter(), {
      store,
      workflow: "check",
      runId: "now",
    });
    const result = await call(adapter);
    expect(result.error).toBeUndefined();
    expect(result.output).toEqual({
      found: true,
      run_id: "r2",
      started_at: "2030-01-02T00:00:00.000Z",
      completed_at: "2030-01-01T00:00:01.000Z",
      outputs: { n: 2 },
    });
  });

  it("answers found: false when there is no successful run, and never the current run", async () => {
    const store = new MemoryRunStore();
    record(store, "now", "2030-01-05T00:00:00.000Z", { outputs: { n: 5 } });
    const adapter = withPreviousRun(new MockToolAdapter(), {
      store,
      workflow: "check",
      runId: "now",
    });
    expect((await call(adapter)).output).toEqual({ found: false });
    record(store, "r1", "2030-01-01T00:00:00.000Z", { outputs: { n: 1 } });
    expect((await call(adapter)).output).toMatchObject({ found: true, run_id: "r1" });
  });

  it("does not read another workflow's runs, whatever arguments are passed", async () => {
    const store = new MemoryRunStore();
    record(store, "o1", "2030-01-01T00:00:00.000Z", {}, "other-flow");
    const adapter = withPreviousRun(new MockToolAdapter(), {
      store,
      workflow: "check",
      runId: "now",
    });
    expect((await call(adapter)).output).toEqual({ found: false });
    const refused = await call(adapter, { workflow: "other-flow" });
    expect(refused.output).toBeNull();
    expect((refused as { code?: string }).code).toBe("INVALID_ARGUMENTS");
  });

  it("lists truncated outputs so a size marker is not taken for a changed value", async () => {
    const store = new MemoryRunStore({ maxValueBytes: 16 });
    record(store, "r1", "2030-01-01T00:00:00.000Z", { outputs: { big: "x".repeat(100), n: 1 } });
    const adapter = withPreviousRun(new MockToolAdapter(), {
      store,
      workflow: "check",
      runId: "now",
    });
    expect((await call(adapter)).output).toMatchObject({
      found: true,
      outputs: { n: 1, big: { $truncated: true } },
      truncated: ["big"],
    });
  });

  it("routes other tools to the adapter and shows previous_run in the catalog", async () => {
    const base = new MockToolAdapter();
    base.register("search", () => ({ output: "hit" }), { description: "search" });
    const adapter = withPreviousRun(base, {
      store: new MemoryRunStore(),
      workflow: "check",
      runId: "now",
    });
    expect(adapter.has("search")).toBe(true);
    expect(adapter.has(PREVIOUS_RUN_TOOL)).toBe(true);
    expect(adapter.has("constructor")).toBe(false);
    expect((await adapter.invoke("search", {})).output).toBe("hit");
    const names = (adapter.list?.() ?? []).map((d) => d.name);
    expect(names).toContain(PREVIOUS_RUN_TOOL);
    expect(names).toContain("search");
  });

  it("lists previous_run with the schemas of its definition and checks arguments at every call", async () => {
    const context = { store: new MemoryRunStore(), workflow: "check", runId: "now" };
    const adapter = withPreviousRun(new MockToolAdapter(), context);
    const definition = previousRunTool(context);
    expect(adapter.list?.().find((d) => d.name === PREVIOUS_RUN_TOOL)).toEqual({
      name: PREVIOUS_RUN_TOOL,
      description: definition.description,
      inputSchema: definition.inputSchema,
      outputSchema: definition.outputSchema,
    });
    // Its ToolSet is built at the first call (bench row 13): the first call already validates.
    for (let i = 0; i < 2; i++) {
      const refused = await call(adapter, { workflow: "other-flow" });
      expect(refused).toMatchObject({ output: null, code: "INVALID_ARGUMENTS" });
    }
    expect((await call(adapter)).output).toEqual({ found: false });
  });

  it("replaces a previous_run the adapter itself offers, listed once", async () => {
    const base = new MockToolAdapter();
    base.register(PREVIOUS_RUN_TOOL, () => ({ output: "theirs" }), { description: "x" });
    const adapter = withPreviousRun(base, {
      store: new MemoryRunStore(),
      workflow: "check",
      runId: "now",
    });
    expect((await call(adapter)).output).toEqual({ found: false });
    const names = (adapter.list?.() ?? []).map((d) => d.name);
    expect(names.filter((n) => n === PREVIOUS_RUN_TOOL)).toHaveLength(1);
  });
});

describe("previousOutputsFromStore", () => {
  it("gives the previous successful outputs of the workflow, or undefined", async () => {
    const store = new MemoryRunStore();
    const previous = previousOutputsFromStore(store);
    await expect(previous("check", "now")).resolves.toBeUndefined();
    record(store, "r1", "2030-01-01T00:00:00.000Z", { outputs: { n: 1 } });
    record(store, "now", "2030-01-02T00:00:00.000Z", { outputs: { n: 2 } });
    await expect(previous("check", "now")).resolves.toEqual({ n: 1 });
    await expect(previous("other-flow", "now")).resolves.toBeUndefined();
  });
});
