// workflowsArea through a real SDK client against a real createService: tools with schemas, results,
// argument errors naming the field, long runs, approvals, cancellation and progress.
import { afterEach, describe, expect, it } from "vitest";
import { createApiApp, createServiceClient, startApiServer } from "@skillflow/service";
import { SkillLibrary } from "@skillflow/skills";
import { MockToolAdapter } from "@skillflow/workflow";
import { authoringArea, skillsArea } from "../../src/index.js";
import { CONTROL_TOOLS, RESERVED_TOOLS } from "../../src/workflows/tools.js";
import { skill, startWorld, until, type WorkflowsWorld } from "./_world.js";

const GREET = skill(
  "greet",
  `inputs:
  who: { type: string }
  times: { type: int, default: 1 }
  tags: { type: array, items: { type: string }, default: [] }
  opts: { type: object, nullable: true, properties: { loud: boolean } }
outputs:
  said: { type: string, value: $steps.say.output.name }
  count: { type: int, value: $inputs.times }
steps:
  - id: say
    type: tool
    tool: work
    inputs: { name: { type: string, value: $inputs.who } }
    outputs: { name: { type: string } }`,
);

const SLOW = skill(
  "slow",
  `outputs:
  last: { type: string, value: $steps.c.output.name }
steps:
  - id: a
    type: tool
    tool: work
    inputs: { name: { type: string, value: "a" } }
    outputs: { name: { type: string } }
  - id: b
    type: tool
    tool: work
    inputs: { name: { type: string, value: "b" } }
    outputs: { name: { type: string } }
  - id: c
    type: tool
    tool: work
    inputs: { name: { type: string, value: "c" } }
    outputs: { name: { type: string } }`,
);

const APPROVE = skill(
  "approve",
  `outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
  note: { type: string, value: $steps.confirm.output.response.note }
steps:
  - id: confirm
    type: approval
    message: "Send it?"
    response:
      note: { type: string }`,
);

const DOCUMENTS = { greet: GREET, slow: SLOW, approve: APPROVE, "flows/my report.md": SLOW };

let world: WorkflowsWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
async function start(area: { waitMs?: number } = {}): Promise<WorkflowsWorld> {
  world = await startWorld(DOCUMENTS, area);
  await world.client.listTools(); // the client now checks results against the output schemas
  return world;
}
const structured = (result: object) =>
  (result as { structuredContent?: unknown }).structuredContent as Record<string, unknown>;

describe("workflowsArea", () => {
  it("lists every workflow as a tool with schemas from its declarations, and the control tools", async () => {
    const { client } = await start();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "approve",
      "flows_my_report.md",
      "greet",
      "slow",
      "workflow_status",
      "workflow_approve",
      "workflow_cancel",
    ]);
    const greet = tools.find((t) => t.name === "greet");
    expect(greet?.inputSchema).toEqual({
      type: "object",
      properties: {
        who: { type: "string" },
        times: { type: "integer", default: 1 },
        tags: { type: "array", items: { type: "string" }, default: [] },
        opts: { type: ["object", "null"], properties: { loud: { type: "boolean" } } },
      },
      required: ["who"],
      additionalProperties: false,
    });
    expect(greet?.outputSchema?.properties).toMatchObject({
      said: { type: ["string", "null"] },
      count: { type: ["integer", "null"] },
      runId: { type: "string" },
      status: { type: "string" },
    });
    expect(greet?.outputSchema?.required).toBeUndefined();
  });

  it("never names a workflow's tool like another area's tool (a workflow called dry_run_workflow)", async () => {
    const names = [
      "list_skills",
      "activate_skill",
      "read_skill_file",
      "list_tools",
      "validate_workflow",
      "dry_run_workflow",
      "workflow_status",
    ];
    world = await startWorld(Object.fromEntries(names.map((n) => [n, GREET])));
    const { tools } = await world.client.listTools();
    const shown = tools.map((t) => t.name);
    expect(shown.slice(0, names.length)).toEqual([...names].sort().map((n) => `${n}_2`));
    expect(tools.find((t) => t.name === "dry_run_workflow_2")?.title).toBe("dry_run_workflow");
    // The reserved names are exactly the other areas' tools.
    const skills = skillsArea({ library: () => SkillLibrary.load({ sources: [] }) });
    const authoring = authoringArea({ tools: new MockToolAdapter() });
    const own = [...(await skills.tools!()), ...(await authoring.tools!())];
    expect([...RESERVED_TOOLS].sort()).toEqual(
      [...CONTROL_TOOLS, ...own.map((t) => t.definition.name)].sort(),
    );
  });

  it("answers a run's outputs as structuredContent and as text, recorded with trigger mcp", async () => {
    const { client, service } = await start();
    const result = await client.callTool({ name: "greet", arguments: { who: "ann", times: 2 } });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ said: "ann", count: 2 });
    const [text] = result.content as { type: string; text: string }[];
    expect(JSON.parse(text!.text)).toEqual({ said: "ann", count: 2 });
    const [run] = (await service.listRuns()).items;
    expect(run?.trigger).toEqual({ kind: "mcp" });
  });

  it("refuses invalid arguments with a tool error naming the field, starting no run", async () => {
    const { client, service } = await start();
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, "MISSING_INPUT", "who"],
      [{ who: 3 }, "INPUT_TYPE", "who"],
      [{ who: "ann", times: 1.5 }, "INPUT_TYPE", "times"],
      [{ who: "ann", tags: "x" }, "INPUT_TYPE", "tags"],
      [{ who: "ann", opts: [] }, "INPUT_TYPE", "opts"],
      [{ who: "ann", whom: "bob" }, "UNKNOWN_INPUT", "whom"],
    ];
    for (const [args, code, field] of cases) {
      const result = await client.callTool({ name: "greet", arguments: args });
      expect(result.isError).toBe(true);
      expect(structured(result)["error"]).toMatchObject({ code, field });
    }
    const nullable = await client.callTool({ name: "greet", arguments: { who: "a", opts: null } });
    expect(nullable.structuredContent).toEqual({ said: "a", count: 1 });
    expect((await service.listRuns()).items).toHaveLength(1);
  });

  it("answers the run id of a run that does not end within waitMs; workflow_status follows it", async () => {
    const { client, tools } = await start({ waitMs: 30 });
    const release = tools.hold("b");
    const first = await client.callTool({ name: "slow", arguments: {} });
    expect(first.isError).toBeUndefined();
    expect(first.structuredContent).toMatchObject({ runId: expect.any(String), status: "running" });
    const runId = structured(first)["runId"] as string;
    expect((first.content as { text: string }[])[0]?.text).toContain("workflow_status");
    const during = await client.callTool({ name: "workflow_status", arguments: { runId } });
    expect(structured(during)).toMatchObject({ runId, status: "running" });
    release();
    let done: Record<string, unknown> = {};
    await until(async () => {
      done = structured(await client.callTool({ name: "workflow_status", arguments: { runId } }));
      return done["status"] === "success";
    });
    expect(done).toMatchObject({ stepsDone: 3, outputs: { last: "c" } });
    const unknown = await client.callTool({ name: "workflow_status", arguments: { runId: "x" } });
    expect(structured(unknown)["error"]).toMatchObject({ code: "UNKNOWN_RUN", field: "runId" });
  });

  it("answers a waiting run with its approval; workflow_approve checks the response, then the run ends", async () => {
    const { client, service } = await start();
    const waiting = await client.callTool({ name: "approve", arguments: {} });
    expect(waiting.structuredContent).toMatchObject({
      status: "waiting",
      pendingApprovals: [
        {
          key: "confirm",
          message: "Send it?",
          expiresAt: null,
          response: {
            type: "object",
            properties: { note: { type: "string" } },
            required: ["note"],
          },
        },
      ],
    });
    const runId = structured(waiting)["runId"] as string;
    const status = await client.callTool({ name: "workflow_status", arguments: { runId } });
    expect(structured(status)["pendingApprovals"]).toHaveLength(1);

    const missing = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, approved: true },
    });
    expect(structured(missing)["error"]).toMatchObject({
      code: "INVALID_DECISION",
      field: "response.note",
    });
    const wrongKey = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, key: "nope", approved: true, response: { note: "x" } },
    });
    expect(structured(wrongKey)["error"]).toMatchObject({ code: "UNKNOWN_APPROVAL", field: "key" });
    const badArg = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, approved: "yes" },
    });
    expect(structured(badArg)["error"]).toMatchObject({ code: "INPUT_TYPE", field: "approved" });

    const done = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, approved: true, response: { note: "ok" }, note: "the agent checked" },
    });
    expect(done.isError).toBeUndefined();
    expect(done.structuredContent).toEqual({ approved: true, note: "ok" });
    expect((await service.getRun(runId)).decisions).toMatchObject([
      { key: "confirm", approved: true, note: "the agent checked" },
    ]);
    const again = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, approved: true, response: { note: "ok" } },
    });
    expect(structured(again)["error"]).toMatchObject({ code: "NOT_WAITING" });
  });

  it("cancels a run with workflow_cancel", async () => {
    const { client, tools } = await start({ waitMs: 30 });
    const release = tools.hold("a");
    const first = await client.callTool({ name: "slow", arguments: {} });
    const runId = structured(first)["runId"] as string;
    const cancelled = await client.callTool({ name: "workflow_cancel", arguments: { runId } });
    expect(cancelled.structuredContent).toEqual({ runId, status: "cancelled" });
    release();
    await until(async () => {
      const s = await client.callTool({ name: "workflow_status", arguments: { runId } });
      return structured(s)["status"] === "cancelled";
    });
    const twice = await client.callTool({ name: "workflow_cancel", arguments: { runId } });
    expect(structured(twice)["error"]).toMatchObject({ code: "NOT_CANCELLABLE" });
  });

  it("decides and cancels only runs an MCP client started; a person's approval gate is refused", async () => {
    const { client, service } = await start();
    const { runId } = await service.startRun({ workflow: "approve", trigger: { kind: "manual" } });
    await until(async () => (await service.getRun(runId)).status === "waiting");
    const status = await client.callTool({ name: "workflow_status", arguments: { runId } });
    expect(structured(status)["status"]).toBe("waiting");
    const approve = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, approved: true, response: { note: "ok" } },
    });
    expect(structured(approve)["error"]).toMatchObject({ code: "NOT_AN_MCP_RUN", field: "runId" });
    const cancel = await client.callTool({ name: "workflow_cancel", arguments: { runId } });
    expect(structured(cancel)["error"]).toMatchObject({ code: "NOT_AN_MCP_RUN", field: "runId" });
    expect((await service.getRun(runId)).status).toBe("waiting");
  });

  it("cancels the run when the client cancels the call", async () => {
    const { client, tools, service } = await start();
    const release = tools.hold("a");
    const abort = new AbortController();
    const call = client.callTool({ name: "slow", arguments: {} }, undefined, {
      signal: abort.signal,
    });
    await until(() => tools.entered.has("a"));
    abort.abort();
    await expect(call).rejects.toThrow();
    const [run] = (await service.listRuns()).items;
    await until(async () => (await service.getRun(run!.id)).status === "cancelled");
    release();
    expect(tools.entered.has("b")).toBe(false);
  });

  it("sends progress notifications per step done when the call asks for them", async () => {
    const { client, tools } = await start();
    const release = tools.hold("b");
    const progress: { progress: number; total?: number | undefined }[] = [];
    const call = client.callTool({ name: "slow", arguments: {} }, undefined, {
      onprogress: (p) => progress.push(p),
    });
    await until(() => progress.length > 0);
    expect(progress[0]).toMatchObject({ progress: 1, total: 3 });
    release();
    expect((await call).structuredContent).toEqual({ last: "c" });
    const values = progress.map((p) => p.progress);
    expect(values).toEqual([...new Set(values)].sort());
    expect(values.at(-1)).toBe(3);
  });
});

describe("workflowsArea over createServiceClient", () => {
  it("runs a workflow through a running service's HTTP API", async () => {
    const local = await startWorld(DOCUMENTS);
    world = local;
    const token = "area-client-token-0123456789";
    const server = await startApiServer(createApiApp(local.service, { token, version: "0.0.0" }), {
      port: 0,
    });
    try {
      const runner = createServiceClient({ url: server.url, token });
      const remote = await startWorld({}, { runner });
      try {
        await remote.client.listTools();
        const result = await remote.client.callTool({ name: "greet", arguments: { who: "bo" } });
        expect(result.structuredContent).toEqual({ said: "bo", count: 1 });
        const bad = await remote.client.callTool({ name: "greet", arguments: {} });
        expect(structured(bad)["error"]).toMatchObject({ code: "MISSING_INPUT", field: "who" });
      } finally {
        await remote.close();
      }
    } finally {
      await server.close();
    }
  });
});
