// §13.4 approval steps: suspend → resume, the approve callback, timeouts, late decisions, branches.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, type Checkpoint, type RunLog } from "../../src/index.js";
import { checkpointSink, createTestServices, runSkill, skill } from "./_harness.js";

const SEND = skill(`
  inputs:
    list: { type: string, default: "team" }
  outputs:
    sent: { type: boolean, value: $steps.confirm.output.approved }
    note: { type: string, nullable: true, value: $steps.confirm.output.response.note }
  steps:
    - id: draft
      type: tool
      tool: draft
      inputs: {}
      outputs: { count: { type: int } }
    - id: confirm
      type: approval
      message: "Send \${steps.draft.output.count} emails to \${inputs.list}?"
      response:
        note: { type: string, nullable: true }
    - id: send
      type: tool
      tool: send
      condition: $steps.confirm.output.approved
      inputs: {}
`);

function tools(): MockToolAdapter {
  return new MockToolAdapter()
    .register("draft", () => ({ output: { count: 3 } }))
    .register("send", () => ({ output: { ok: true } }));
}

async function suspendSend(): Promise<{ log: RunLog; last: Checkpoint }> {
  const { list, sink } = checkpointSink();
  const { log } = await runSkill(SEND, { toolAdapter: tools(), onCheckpoint: sink, runId: "r1" });
  return { log, last: list.at(-1)! };
}

describe("approval steps suspend and resume (§13.4, §13.6)", () => {
  it("suspends with a waiting record, pending approval and workflow_suspend as the last event", async () => {
    const { log, events } = await runSkill(SEND, { toolAdapter: tools(), runId: "r1" });
    expect(log.status).toBe("waiting");
    expect(log.error).toBeUndefined();
    expect(log.outputs).toEqual({});
    expect(log.segment).toBe(1);
    expect(log.pending).toEqual([
      {
        key: "confirm",
        stepId: "confirm",
        path: ["confirm"],
        message: "Send 3 emails to team?",
        expires_at: null,
        response: { note: { type: "string", nullable: true } },
      },
    ]);
    expect(log.steps.map((s) => [s.id, s.status])).toEqual([
      ["draft", "success"],
      ["confirm", "waiting"],
    ]);
    expect(log.summary.steps_executed).toBe(2);
    expect(log.summary.steps_skipped).toBe(0);
    expect(events.map((e) => e.type)).toEqual([
      "workflow_start",
      "step_start",
      "step_complete",
      "step_start",
      "step_waiting",
      "workflow_suspend",
    ]);
    expect(events.every((e) => e.runId === "r1")).toBe(true);
  });

  it("resumes with a decision to the same outputs as an in-process approval", async () => {
    const { last } = await suspendSend();
    expect(last.pending?.[0]?.key).toBe("confirm");
    const resumed = await runSkill(SEND, {
      toolAdapter: tools(),
      resume: {
        ...last,
        decisions: { confirm: { approved: true, by: "ann", response: { note: "ok" } } },
      },
    });
    expect(resumed.log.status).toBe("success");
    expect(resumed.log.id).toBe("r1");
    expect(resumed.log.segment).toBe(2);
    expect(resumed.log.outputs).toEqual({ sent: true, note: "ok" });
    expect(resumed.log.steps.map((s) => [s.id, s.status])).toEqual([
      ["draft", "success"],
      ["confirm", "success"],
      ["send", "success"],
    ]);
    expect(resumed.events[0]).toEqual({ type: "workflow_resume", runId: "r1", segment: 2 });
    expect(resumed.events.filter((e) => e.type === "step_start").map((e) => e.stepId)).toEqual([
      "confirm",
      "send",
    ]);
    const inProcess = await runSkill(SEND, {
      toolAdapter: tools(),
      approve: () => Promise.resolve({ approved: true, by: "ann", response: { note: "ok" } }),
    });
    expect(inProcess.log.status).toBe("success");
    expect(inProcess.log.outputs).toEqual(resumed.log.outputs);
    const confirm = inProcess.log.steps.find((s) => s.id === "confirm")!;
    expect(confirm.output).toMatchObject({ approved: true, by: "ann", timed_out: false });
  });

  it("a rejection is not a failure: the step succeeds with approved false", async () => {
    const { last } = await suspendSend();
    const { log } = await runSkill(SEND, {
      toolAdapter: tools(),
      resume: { ...last, decisions: { confirm: { approved: false } } },
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ sent: false, note: null });
    expect(log.steps.find((s) => s.id === "send")?.status).toBe("skipped");
  });

  it("resume without a decision suspends again in a new segment", async () => {
    const { last } = await suspendSend();
    const { list, sink } = checkpointSink();
    const { log } = await runSkill(SEND, {
      toolAdapter: tools(),
      resume: last,
      onCheckpoint: sink,
    });
    expect(log.status).toBe("waiting");
    expect(log.segment).toBe(2);
    expect(list.at(-1)?.segment).toBe(2);
    expect(log.steps.map((s) => s.status)).toEqual(["success", "waiting"]);
  });

  it("approve receives the request with key, path and a signal", async () => {
    const seen: unknown[] = [];
    const { log } = await runSkill(SEND, {
      toolAdapter: tools(),
      approve: (request, { signal }) => {
        seen.push({ ...request, aborted: signal.aborted });
        return Promise.resolve({ approved: true });
      },
    });
    expect(seen).toEqual([
      {
        key: "confirm",
        stepId: "confirm",
        path: ["confirm"],
        message: "Send 3 emails to team?",
        expires_at: null,
        response: { note: { type: "string", nullable: true } },
        aborted: false,
      },
    ]);
    // An approval without the note: the field is nullable, so approved without it is accepted.
    expect(log.status).toBe("success");
  });

  it("an approve callback that rejects or returns a bad decision fails the step", async () => {
    const thrown = await runSkill(SEND, {
      toolAdapter: tools(),
      approve: () => Promise.reject(new Error("prompt closed")),
    });
    expect(thrown.log.status).toBe("failed");
    expect(thrown.log.error?.message).toBe("Approval callback failed: prompt closed");
    const bad = await runSkill(SEND, {
      toolAdapter: tools(),
      approve: () => Promise.resolve({ approved: true, response: { note: 5 } }),
    });
    expect(bad.log.status).toBe("failed");
    expect(bad.log.steps.find((s) => s.id === "confirm")?.error).toContain('"note"');
  });

  it("an approve callback that resolves undefined defers: the run suspends and resumes as without one", async () => {
    const { list, sink } = checkpointSink();
    const asked: string[] = [];
    const { log } = await runSkill(SEND, {
      toolAdapter: tools(),
      onCheckpoint: sink,
      runId: "r1",
      approve: (request) => {
        asked.push(request.key);
        return Promise.resolve(undefined);
      },
    });
    expect(asked).toEqual(["confirm"]);
    expect(log.status).toBe("waiting");
    expect(log.error).toBeUndefined();
    expect(log.pending?.map((p) => p.key)).toEqual(["confirm"]);
    const resumed = await runSkill(SEND, {
      toolAdapter: tools(),
      resume: { ...list.at(-1)!, decisions: { confirm: { approved: false } } },
    });
    expect(resumed.log.status).toBe("success");
    expect(resumed.log.outputs).toEqual({ sent: false, note: null });
  });
});

const TIMED = (onTimeout: string) =>
  skill(`
  outputs:
    ok: { type: boolean, value: $steps.gate.output.approved }
    timed: { type: boolean, value: $steps.gate.output.timed_out }
  steps:
    - id: gate
      type: approval
      message: Proceed?
      timeout: 1h
      on_timeout: ${onTimeout}
`);

describe("approval deadlines (§13.9.3)", () => {
  it.each([
    ["reject", false],
    ["approve", true],
  ])("on_timeout %s decides %s when approve never answers", async (mode, approved) => {
    const services = createTestServices();
    const start = services.time;
    const { log } = await runSkill(TIMED(mode), {
      services,
      approve: () => new Promise(() => {}),
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ ok: approved, timed: true });
    expect(log.steps[0]?.output).toEqual({
      approved,
      by: null,
      at: new Date(start + 3_600_000).toISOString(),
      timed_out: true,
      response: {},
    });
  });

  it("times out also when the sleep ends just before the clock reads the deadline", async () => {
    // Real timers may fire a millisecond before Date.now() reaches the deadline.
    const services = createTestServices();
    const early = Object.assign(Object.create(services) as typeof services, {
      sleep: (ms: number) => {
        services.advance(Math.max(1, ms - 1));
        return Promise.resolve();
      },
    });
    const { log } = await runSkill(TIMED("reject"), {
      services: early,
      approve: () => new Promise(() => {}),
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ ok: false, timed: true });
  });

  it("on_timeout fail is a non-retriable failure subject to on_error", async () => {
    const { log } = await runSkill(TIMED("fail"), { approve: () => new Promise(() => {}) });
    expect(log.status).toBe("failed");
    expect(log.steps[0]?.error).toBe("Approval timed out after 3600000ms");
    const ignored = await runSkill(
      skill(`
        steps:
          - id: gate
            type: approval
            message: Proceed?
            timeout: 1s
            on_timeout: fail
            on_error: ignore
          - id: after
            type: exit
            status: success
            output: $steps.gate.status
      `),
      { approve: () => new Promise(() => {}) },
    );
    expect(ignored.log.status).toBe("success");
    expect(ignored.log.steps[0]?.status).toBe("failed");
  });

  it("the approve signal aborts on the deadline", async () => {
    let signal: AbortSignal | undefined;
    await runSkill(TIMED("reject"), {
      approve: (_request, options) => {
        signal = options.signal;
        return new Promise(() => {});
      },
    });
    expect(signal?.aborted).toBe(true);
  });

  it("a decision given by resume after expires_at is ignored: on_timeout applies", async () => {
    const services = createTestServices();
    const { list, sink } = checkpointSink();
    const first = await runSkill(TIMED("reject"), { services, onCheckpoint: sink });
    expect(first.log.status).toBe("waiting");
    expect(first.log.pending?.[0]?.expires_at).toBe(
      new Date(services.time + 3_600_000).toISOString(),
    );
    services.advance(3_600_001);
    const { log } = await runSkill(TIMED("reject"), {
      services,
      resume: { ...list.at(-1)!, decisions: { gate: { approved: true, by: "late" } } },
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ ok: false, timed: true });
  });

  it("a decision given by resume before expires_at is used, and the deadline is not reset", async () => {
    const services = createTestServices();
    const { list, sink } = checkpointSink();
    await runSkill(TIMED("reject"), { services, onCheckpoint: sink });
    const expires = list.at(-1)!.pending![0]!.expires_at;
    services.advance(1000);
    const again = checkpointSink();
    const second = await runSkill(TIMED("reject"), {
      services,
      resume: list.at(-1)!,
      onCheckpoint: again.sink,
    });
    expect(second.log.pending?.[0]?.expires_at).toBe(expires);
    const { log } = await runSkill(TIMED("reject"), {
      services,
      resume: { ...again.list.at(-1)!, decisions: { gate: { approved: true } } },
    });
    expect(log.outputs).toEqual({ ok: true, timed: false });
  });

  it("a late answer from approve is ignored", async () => {
    const services = createTestServices();
    const { log } = await runSkill(TIMED("reject"), {
      services,
      approve: async () => {
        await services.sleep(7_200_000);
        return { approved: true };
      },
    });
    expect(log.outputs).toEqual({ ok: false, timed: true });
  });

  it("the workflow-level timeout does not apply to approvals", async () => {
    const { log } = await runSkill(
      skill(`
        timeout: 1s
        steps:
          - id: gate
            type: approval
            message: Proceed?
      `),
    );
    expect(log.status).toBe("waiting");
    expect(log.pending?.[0]?.expires_at).toBeNull();
  });
});

describe("approvals inside conditional branches (§13.4, §13.9.1)", () => {
  const BRANCH = skill(`
    outputs:
      last: { type: string, value: $steps.pick.output }
    steps:
      - id: pick
        type: conditional
        condition: "true"
        then: [before, gate, after]
      - id: before
        type: exit
        status: success
        output: '"unused"'
        condition: "false"
      - id: gate
        type: approval
        message: Go?
      - id: after
        type: tool
        tool: count
        inputs: { n: { type: int, value: 1 } }
  `);

  it("suspends the whole run without a record of the conditional; the branch continues after the approval", async () => {
    const adapter = new MockToolAdapter().register("count", () => ({ output: "done" }));
    const { list, sink } = checkpointSink();
    const first = await runSkill(BRANCH, { toolAdapter: adapter, onCheckpoint: sink });
    expect(first.log.status).toBe("waiting");
    expect(first.log.steps.map((s) => [s.id, s.status])).toEqual([
      ["before", "skipped"],
      ["gate", "waiting"],
    ]);
    expect(list.at(-1)?.position).toEqual({ path: ["pick", "gate"] });
    const { log } = await runSkill(BRANCH, {
      toolAdapter: adapter,
      resume: { ...list.at(-1)!, decisions: { gate: { approved: true } } },
    });
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => [s.id, s.status])).toEqual([
      ["pick", "success"],
      ["before", "skipped"],
      ["gate", "success"],
      ["after", "success"],
    ]);
    expect(log.outputs).toEqual({ last: "done" });
  });
});

describe("approval message and outputs (§13.4)", () => {
  it("resolves message as an expression or literal and maps declared outputs from $result", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          who: { type: string, default: "ops" }
        steps:
          - id: ask
            type: approval
            message: $inputs.who
            outputs:
              ok: { type: boolean, value: $result.approved }
          - id: lit
            type: approval
            message: Plain text, no $ expression
      `),
      {
        approve: (request) =>
          Promise.resolve({ approved: request.message === "ops", by: request.message }),
      },
    );
    expect(log.status).toBe("success");
    expect(log.steps[0]?.output).toEqual({ ok: true });
    expect(log.steps[1]?.output).toMatchObject({
      approved: false,
      by: "Plain text, no $ expression",
    });
  });
});
