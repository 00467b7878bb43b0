// CallRecorder and recordingFixtures: what a real run's calls become, secrets never written.
import { MockToolAdapter, runWorkflowSkill, type WorkflowResolver } from "@skillflow/workflow";
import { createTestServices } from "@skillflow/workflow/testing";
import { describe, expect, it } from "vitest";
import {
  CallRecorder,
  dryRunWorkflow,
  recordingFixtures,
  RecordingSchema,
} from "../../src/index.js";

const SECRET = "s3cr3t-token-value-42";

const FLOW = `\`\`\`workflow
inputs:
  token: { type: string }
  ids: { type: array, default: [1, 2] }
outputs:
  notes: { type: array, value: $steps.each.output }
  child: { type: object, value: $steps.sub.output }
steps:
  - id: list
    type: tool
    tool: api
    retry: { max: 2, delay: 1ms, backoff: 1 }
    inputs:
      url: { type: string, value: "https://api.test/list?api_key=\${inputs.token}" }
      headers: { type: object, value: { authorization: "Bearer \${inputs.token}" } }
      page: { type: int, value: 1 }
  - id: each
    type: tool
    tool: api
    each: $inputs.ids
    inputs:
      url: { type: string, value: "https://api.test/item/\${item}" }
    outputs:
      note: { type: string, value: $result.note }
  - id: sub
    type: workflow
    workflow: child
\`\`\`
`;

const CHILD = `\`\`\`workflow
outputs:
  said: { type: string, value: $steps.ask.output.text }
steps:
  - id: ask
    type: tool
    tool: llm
    inputs:
      prompt: { type: string, value: "hello" }
\`\`\`
`;

const resolveWorkflow: WorkflowResolver = (ref) =>
  ref === "child" ? { content: CHILD, source: "child.md" } : undefined;

async function recordRun() {
  let failures = 1;
  const tools = new MockToolAdapter()
    .register("api", (args) => {
      const url = String(args.url);
      if (url.includes("/list")) {
        if (failures-- > 0) return { output: null, error: `busy (key ${SECRET})` };
        return { output: { items: [1, 2], echo: `token ${SECRET}` } };
      }
      return { output: { note: `note ${url.slice(-1)}` } };
    })
    .register("llm", () => ({ output: { text: "hi" } }));
  const recorder = new CallRecorder([SECRET]);
  const log = await runWorkflowSkill({
    content: FLOW,
    inputs: { token: SECRET },
    toolAdapter: recorder.wrap(tools),
    onEvent: (e) => recorder.event(e),
    secrets: [SECRET],
    resolveWorkflow,
    services: createTestServices({ idPrefix: "rec" }),
  });
  return { log, recording: recorder.recording(log, new Date(0)) };
}

describe("CallRecorder", () => {
  it("records every call in order: tool, step, iteration, attempt, sub-workflow, arguments, output or error", async () => {
    const { log, recording } = await recordRun();
    expect(log.status).toBe("success");
    expect(RecordingSchema.parse(recording)).toEqual(recording);
    expect(
      recording.calls.map((c) => [c.tool, c.step, c.iteration, c.attempt, c.workflow]),
    ).toEqual([
      ["api", "list", undefined, 1, undefined],
      ["api", "list", undefined, 2, undefined],
      ["api", "each", 0, 1, undefined],
      ["api", "each", 1, 1, undefined],
      ["llm", "ask", undefined, 1, expect.any(String)],
    ]);
    expect(recording.calls[0]!.error).toBe("busy (key [REDACTED])");
    expect(recording.calls[2]).toMatchObject({
      arguments: { url: "https://api.test/item/1" },
      output: { note: "note 1" },
    });
    expect(recording.outputs).toEqual({
      notes: [{ note: "note 1" }, { note: "note 2" }],
      child: { said: "hi" },
    });
  });

  it("never writes a secret: arguments masked as in the run log, values redacted", async () => {
    const { recording } = await recordRun();
    const text = JSON.stringify(recording);
    expect(text).not.toContain(SECRET);
    expect(recording.inputs.token).toBe("[REDACTED]");
    expect(recording.calls[1]!.arguments).toEqual({
      url: "https://api.test/list?api_key=[REDACTED]",
      headers: { authorization: "[REDACTED]" },
      page: 1,
    });
    expect(recording.calls[1]!.output).toEqual({ items: [1, 2], echo: "token [REDACTED]" });
  });
});

describe("CallRecorder inputs", () => {
  it("masks inputs under secret names and URL credentials in inputs, even when no variable holds them", async () => {
    const flow = `\`\`\`workflow
inputs:
  token: { type: string }
  base: { type: string }
  opts: { type: object }
steps:
  - id: get
    type: tool
    tool: api
    inputs:
      url: { type: string, value: "\${inputs.base}/x" }
\`\`\`
`;
    const recorder = new CallRecorder([]);
    const tools = new MockToolAdapter().register("api", () => ({ output: { ok: true } }));
    const log = await runWorkflowSkill({
      content: flow,
      inputs: {
        token: "ghp_typed-on-the-command-line",
        base: "https://bob:hunter2pass@api.test",
        opts: { password: "pw-1234", page: 2 },
      },
      toolAdapter: recorder.wrap(tools),
      onEvent: (e) => recorder.event(e),
      services: createTestServices({ idPrefix: "rec" }),
    });
    const recording = recorder.recording(log, new Date(0));
    const text = JSON.stringify(recording);
    for (const secret of ["ghp_typed", "hunter2pass", "pw-1234"])
      expect(text).not.toContain(secret);
    expect(recording.inputs).toEqual({
      token: "[REDACTED]",
      base: "https://REDACTED:REDACTED@api.test/",
      opts: { password: "[REDACTED]", page: 2 },
    });
  });
});

describe("recordingFixtures", () => {
  it("answers each call once, by step and arguments; redacted arguments are not compared", async () => {
    const { recording } = await recordRun();
    const fixtures = recordingFixtures(recording);
    expect(fixtures.api).toEqual([
      { error: "busy (key [REDACTED])", step: "list", when: { page: 1 } },
      { output: { items: [1, 2], echo: "token [REDACTED]" }, step: "list", when: { page: 1 } },
      { output: { note: "note 1" }, step: "each", when: { url: "https://api.test/item/1" } },
      { output: { note: "note 2" }, step: "each", when: { url: "https://api.test/item/2" } },
    ]);
  });

  it("leaves out of `when` a URL whose credentials were masked, and keeps a failure's retryable", () => {
    const fixtures = recordingFixtures({
      calls: [
        {
          tool: "api",
          step: "s",
          arguments: { url: "https://REDACTED:REDACTED@api.test/x", page: 2 },
          error: "gone",
          retryable: false,
        },
      ],
    });
    expect(fixtures).toEqual({
      api: [{ error: "gone", retryable: false, step: "s", when: { page: 2 } }],
    });
  });

  it("replays the recorded run in a dry run to the same outputs, the retry included", async () => {
    const { log, recording } = await recordRun();
    const result = await dryRunWorkflow(FLOW, {
      inputs: recording.inputs,
      fixtures: recordingFixtures(recording),
      resolveWorkflow,
    });
    expect(result.unanswered).toEqual([]);
    expect(result.status).toBe("success");
    expect(result.log!.outputs).toEqual(recording.outputs);
    const retries = (l: typeof log) => l.steps.find((s) => s.id === "list")!.retries;
    expect(retries(log)).toBeDefined();
    expect(retries(result.log!)).toEqual(retries(log));
  });

  it("a call whose arguments changed is not answered", async () => {
    const { recording } = await recordRun();
    const result = await dryRunWorkflow(FLOW, {
      inputs: { ...recording.inputs, ids: [1, 3] },
      fixtures: recordingFixtures(recording),
      resolveWorkflow,
    });
    expect(result.unanswered.map((u) => [u.tool, u.step, u.iteration])).toEqual([
      ["api", "each", 1],
    ]);
  });
});
