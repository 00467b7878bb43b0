// §13.9.2 refused resumes, §13.9.13 cancelling a waiting run, and approval validation (§13.4, §13.9.3).
import { describe, expect, it } from "vitest";
import { validateWorkflowSkill, type Checkpoint, type Decision } from "../../src/index.js";
import { CountingAdapter, checkpointSink, runSkill, skill } from "./_harness.js";

const FORM = skill(`
  steps:
    - id: gate
      type: approval
      message: Ship it?
      response:
        reason: { type: string }
        score: { type: int, nullable: true }
    - id: after
      type: tool
      tool: count
      inputs: {}
`);

async function waiting(): Promise<Checkpoint> {
  const { list, sink } = checkpointSink();
  const { log } = await runSkill(FORM, { toolAdapter: new CountingAdapter(), onCheckpoint: sink });
  expect(log.status).toBe("waiting");
  return list.at(-1)!;
}

describe("refused resumes (§13.9.2)", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an unknown key", { nope: { approved: true } }, "decisions.nope"],
    [
      "a response that fails its type test",
      { gate: { approved: true, response: { reason: 5 } } },
      "decisions.gate.response.reason",
    ],
    [
      "an unknown response field",
      { gate: { approved: true, response: { reason: "x", extra: 1 } } },
      "decisions.gate.response.extra",
    ],
    [
      "a missing non-nullable field on an approval",
      { gate: { approved: true, response: {} } },
      "decisions.gate.response.reason",
    ],
    [
      "a decision without approved",
      { gate: { response: { reason: "x" } } },
      "decisions.gate.approved",
    ],
    [
      "a decision whose by is not a string",
      { gate: { approved: true, by: 7, response: { reason: "x" } } },
      "decisions.gate.by",
    ],
  ];
  it.each(cases)(
    "refuses %s: waiting, unchanged pending, validate error, no event, no checkpoint, nothing runs",
    async (_name, decisions, path) => {
      const checkpoint = await waiting();
      const adapter = new CountingAdapter();
      const written: Checkpoint[] = [];
      const { log, events } = await runSkill(FORM, {
        toolAdapter: adapter,
        resume: { ...checkpoint, decisions: decisions as Record<string, Decision> },
        onCheckpoint: (c) => {
          written.push(c);
        },
      });
      expect(log.status).toBe("waiting");
      expect(log.pending).toEqual(checkpoint.pending);
      expect(log.error?.phase).toBe("validate");
      expect(log.error?.details?.[0]?.path).toBe(path);
      expect(log.steps).toEqual(checkpoint.records);
      expect(log.outputs).toEqual({});
      expect(events).toEqual([]);
      expect(written).toEqual([]);
      expect(adapter.total).toBe(0);
    },
  );

  it("a rejection needs no response fields", async () => {
    const checkpoint = await waiting();
    const { log } = await runSkill(FORM, {
      toolAdapter: new CountingAdapter(),
      resume: { ...checkpoint, decisions: { gate: { approved: false } } },
    });
    expect(log.status).toBe("success");
    expect(log.steps[0]?.output).toMatchObject({
      approved: false,
      response: { reason: null, score: null },
    });
  });

  it("an accepted response is type-checked field by field (nullable fields may be null)", async () => {
    const checkpoint = await waiting();
    const { log } = await runSkill(FORM, {
      toolAdapter: new CountingAdapter(),
      resume: {
        ...checkpoint,
        decisions: {
          gate: { approved: true, by: "kim", response: { reason: "fine", score: null } },
        },
      },
    });
    expect(log.status).toBe("success");
    expect(log.steps[0]?.output).toMatchObject({
      by: "kim",
      response: { reason: "fine", score: null },
    });
  });
});

describe("cancelling a waiting run (§13.9.13)", () => {
  it("is a resume with an aborted signal: the approval fails with Step cancelled, the rest is skipped", async () => {
    const checkpoint = await waiting();
    const adapter = new CountingAdapter();
    const controller = new AbortController();
    controller.abort();
    const { list, sink } = checkpointSink();
    const { log, events } = await runSkill(FORM, {
      toolAdapter: adapter,
      resume: checkpoint,
      signal: controller.signal,
      onCheckpoint: sink,
    });
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: "Workflow run was cancelled" });
    expect(log.steps.map((s) => [s.id, s.status, s.error ?? s.reason])).toEqual([
      ["gate", "failed", "Step cancelled"],
      ["after", "skipped", "cancelled"],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      "workflow_resume",
      "step_start",
      "step_error",
      "step_complete",
      "step_skip",
      "workflow_complete",
    ]);
    expect(adapter.total).toBe(0);
    expect(list.at(-1)?.final?.status).toBe("failed");
  });

  it("aborting while approve is waiting cancels the run", async () => {
    const controller = new AbortController();
    const { log } = await runSkill(FORM, {
      toolAdapter: new CountingAdapter(),
      signal: controller.signal,
      approve: (_request, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(new Error("aborted")));
          controller.abort();
        }),
    });
    expect(log.status).toBe("failed");
    expect(log.error?.message).toBe("Workflow run was cancelled");
    expect(log.steps[0]?.error).toBe("Step cancelled");
  });
});

describe("approval validation (§13.4, §13.9.3)", () => {
  const codes = (yaml: string) => {
    const result = validateWorkflowSkill({ content: skill(yaml) });
    return result.errors.map((e) => [e.code, e.path, e.line !== undefined]);
  };

  it("requires message", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        steps:
          - id: gate
            type: approval
      `),
    });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.code).toBe("MISSING_FIELD");
  });

  it.each([
    "each: $inputs.xs",
    "delay: 1s",
    "concurrency: 2",
    "retry: { max: 1, delay: 1s, backoff: 1 }",
  ])("rejects %s on an approval, located", (field) => {
    const key = field.split(":")[0]!;
    const found = codes(`
        inputs:
          xs: { type: array, default: [] }
        steps:
          - id: gate
            type: approval
            message: Go?
            ${field}
      `);
    expect(found).toEqual([["APPROVAL_FIELD", `steps[0].${key}`, true]]);
  });

  it("rejects on_timeout without timeout", () => {
    expect(
      codes(`
        steps:
          - id: gate
            type: approval
            message: Go?
            on_timeout: approve
      `),
    ).toEqual([["ON_TIMEOUT_WITHOUT_TIMEOUT", "steps[0].on_timeout", true]]);
  });

  it("checks the message template's references and the response declarations", () => {
    expect(
      codes(`
        steps:
          - id: gate
            type: approval
            message: "Go \${steps.nope.output}?"
      `).map((c) => c[0]),
    ).toContain("UNDEFINED_STEP_REFERENCE");
    const bad = validateWorkflowSkill({
      content: skill(`
        steps:
          - id: gate
            type: approval
            message: Go?
            response:
              note: { type: text }
      `),
    });
    expect(bad.valid).toBe(false);
  });

  it("accepts a well-formed approval and reports it in stepTypes", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        steps:
          - id: gate
            type: approval
            message: Go?
            timeout: 1h
            on_timeout: fail
            response:
              note: { type: string, nullable: true }
      `),
    });
    expect(result).toMatchObject({ valid: true, stepTypes: ["approval"] });
  });
});

describe("a damaged checkpoint (a stored one that was tampered with or corrupted)", () => {
  it.each<[string, (cp: Record<string, unknown>) => void]>([
    ["records", (cp) => (cp.records = 5)],
    ["records", (cp) => (cp.records = [{ id: 1 }])],
    ["started_at", (cp) => (cp.started_at = "garbage")],
    ["inputs", (cp) => (cp.inputs = null)],
    ["segment", (cp) => (cp.segment = "2")],
    ["pending", (cp) => (cp.pending = [{ key: "gate" }])],
    ['children["x"].records', (cp) => (cp.children = { x: { ...cp, records: {} } })],
  ])("is refused at %s before anything runs, with CHECKPOINT_DAMAGED", async (part, damage) => {
    const checkpoint = structuredClone(await waiting()) as unknown as Record<string, unknown>;
    damage(checkpoint);
    const adapter = new CountingAdapter();
    const { log, events } = await runSkill(FORM, {
      toolAdapter: adapter,
      resume: { ...(checkpoint as unknown as Checkpoint), decisions: { gate: { approved: true } } },
    });
    expect(log.status).toBe("failed");
    expect(log.id).toBe(checkpoint.runId);
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.details).toEqual([
      expect.objectContaining({ code: "CHECKPOINT_DAMAGED", path: part }),
    ]);
    expect(events).toEqual([]);
    expect(adapter.total).toBe(0);
  });

  it("a resume that is not an object at all is refused the same way", async () => {
    const { log } = await runSkill(FORM, { resume: null as unknown as Checkpoint });
    expect(log.error?.details?.[0]?.code).toBe("CHECKPOINT_DAMAGED");
  });
});
