// §13.5 execution of `workflow` steps: $result, each + concurrency, failures, retry, timeout, events.
import { beforeEach, describe, expect, it } from "vitest";
import { MockToolAdapter, type RuntimeEvent } from "../../src/index.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { DIGEST, createTestServices, memoryResolver, runSkill, skill } from "./_helpers.js";

beforeEach(() => clearWorkflowCache());

function digestAdapter(services?: { advance(ms: number): void }): MockToolAdapter {
  return new MockToolAdapter().register("digest", (args) => {
    services?.advance(10);
    return { output: { text: `digest of ${String(args["url"])}` } };
  });
}

const SINGLE = skill(
  `
  inputs:
    url: { type: string }
  outputs:
    summary: { type: string, value: $steps.one.output.summary }
  steps:
    - id: one
      type: workflow
      workflow: page-digest
      inputs:
        url: { type: string, value: $inputs.url }
      outputs:
        summary: { type: string, value: $result.summary }
  `,
  "parent",
);

describe("workflow steps: execution (§13.5)", () => {
  it("runs the child with the step's inputs; $result is the child's outputs", async () => {
    const resolveWorkflow = memoryResolver({ "page-digest": DIGEST });
    const { log } = await runSkill(SINGLE, {
      toolAdapter: digestAdapter(),
      resolveWorkflow,
      inputs: { url: "u1" },
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ summary: "digest of u1" });
    const record = log.steps[0]!;
    expect(record.executor).toBe("workflow");
    expect(record.runs).toHaveLength(1);
    const run = record.runs![0]!;
    expect(run.id).toBe(`${log.id}/one`);
    expect(run.workflow).toBe("page-digest");
    expect(run.inputs).toEqual({ url: "u1" });
    expect(run.outputs).toEqual({ summary: "digest of u1" });
    expect(resolveWorkflow.calls).toEqual([{ ref: "page-digest", from: undefined }]);
  });

  it("takes an output without a value from the child's outputs by name", async () => {
    const content = SINGLE.replace(
      "summary: { type: string, value: $result.summary }",
      "summary: { type: string }",
    );
    const { log } = await runSkill(content, {
      toolAdapter: digestAdapter(),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u2" },
    });
    expect(log.outputs).toEqual({ summary: "digest of u2" });
  });

  it("type-tests the step's declared outputs against the child's outputs", async () => {
    const content = SINGLE.replace(
      "summary: { type: string, value: $result.summary }",
      "summary: { type: int, value: $result.summary }",
    ).replace(
      "summary: { type: string, value: $steps.one",
      "summary: { type: int, value: $steps.one",
    );
    const { log } = await runSkill(content, {
      toolAdapter: digestAdapter(),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.status).toBe("failed");
    expect(log.steps[0]!.error).toBe('Output "summary" of step "one" must be int, got string');
  });

  it("each + concurrency: outputs aligned with the items, one child log per iteration", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter().register("digest", async (args) => {
      // Later items finish first, so completion order differs from index order.
      const url = String(args["url"]);
      await services.sleep(url === "a" ? 30 : url === "b" ? 20 : 10);
      return { output: { text: `digest of ${url}` } };
    });
    let inFlight = 0;
    let peak = 0;
    const counted = new MockToolAdapter().register("digest", async (args, context) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await adapter.invoke("digest", args, context);
      } finally {
        inFlight--;
      }
    });
    const content = skill(
      `
      inputs:
        urls: { type: array }
      outputs:
        digests: { type: array, value: $steps.digests.output }
      steps:
        - id: digests
          type: workflow
          workflow: page-digest
          each: $inputs.urls
          concurrency: 2
          inputs:
            url: { type: string, value: $item }
          outputs:
            summary: { type: string, value: $result.summary }
      `,
      "parent",
    );
    const { log, events } = await runSkill(content, {
      toolAdapter: counted,
      services,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { urls: ["a", "b", "c"] },
    });
    expect(log.status).toBe("success");
    expect(log.outputs["digests"]).toEqual([
      { summary: "digest of a" },
      { summary: "digest of b" },
      { summary: "digest of c" },
    ]);
    expect(peak).toBe(2);
    const record = log.steps[0]!;
    expect(record.iterations).toBe(3);
    expect(record.runs!.map((r) => r.id)).toEqual([
      `${log.id}/digests/0`,
      `${log.id}/digests/1`,
      `${log.id}/digests/2`,
    ]);
    expect(record.runs!.map((r) => r.inputs)).toEqual([{ url: "a" }, { url: "b" }, { url: "c" }]);
    const starts = events.filter((e) => e.type === "workflow_start" && "parent" in e);
    expect(starts.map((e) => (e as { parent?: unknown }).parent)).toEqual([
      { runId: log.id, stepId: "digests", iteration: 0 },
      { runId: log.id, stepId: "digests", iteration: 1 },
      { runId: log.id, stepId: "digests", iteration: 2 },
    ]);
  });

  it('a failed child fails the step with Workflow "<ref>": <child error>', async () => {
    const adapter = new MockToolAdapter().register("digest", () => ({
      output: null,
      error: "down",
    }));
    const { log } = await runSkill(SINGLE, {
      toolAdapter: adapter,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.status).toBe("failed");
    const record = log.steps[0]!;
    expect(record.status).toBe("failed");
    expect(record.error).toBe('Workflow "page-digest": Tool "digest": down');
    expect(log.error).toEqual({
      phase: "execute",
      message: 'Workflow "page-digest": Tool "digest": down',
    });
    expect(record.runs).toHaveLength(1);
    expect(record.runs![0]!.status).toBe("failed");
  });

  it("a child exit with status failed fails the step; with status success it succeeds", async () => {
    const exiting = (status: string) =>
      skill(
        `
        inputs:
          url: { type: string }
        outputs:
          summary: { type: string }
        steps:
          - id: stop
            type: exit
            status: ${status}
            output: { summary: "stopped" }
        `,
        "page-digest",
      );
    const failed = await runSkill(SINGLE, {
      resolveWorkflow: memoryResolver({ "page-digest": exiting("failed") }),
      inputs: { url: "u" },
    });
    expect(failed.log.steps[0]!.error).toBe(
      'Workflow "page-digest": Workflow exited with status failed at step "stop"',
    );
    clearWorkflowCache();
    const ok = await runSkill(SINGLE, {
      resolveWorkflow: memoryResolver({ "page-digest": exiting("success") }),
      inputs: { url: "u" },
    });
    expect(ok.log.status).toBe("success");
    expect(ok.log.outputs).toEqual({ summary: "stopped" });
  });

  it("on_error: ignore lets the run go on after a failed child", async () => {
    const content = SINGLE.replace(
      "workflow: page-digest",
      "workflow: page-digest\n    on_error: ignore",
    );
    const { log } = await runSkill(content, {
      toolAdapter: new MockToolAdapter().register("digest", () => ({
        output: null,
        error: "down",
      })),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.steps[0]!.status).toBe("failed");
    expect(log.status).toBe("failed"); // the workflow output reads a null summary: a type failure
    expect(log.error?.message).not.toContain('Workflow "page-digest"');
  });

  it("retry runs the child afresh, with #<attempt> run ids and one log per attempt", async () => {
    let calls = 0;
    const adapter = new MockToolAdapter().register("digest", (_args, context) => {
      calls++;
      return calls < 3
        ? { output: null, error: `flaky ${calls} in ${context?.runId}` }
        : { output: { text: "ok" } };
    });
    const content = SINGLE.replace(
      "workflow: page-digest",
      'workflow: page-digest\n    retry: { max: 3, delay: "1s", backoff: 2 }',
    );
    const { log, events } = await runSkill(content, {
      toolAdapter: adapter,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.status).toBe("success");
    const record = log.steps[0]!;
    expect(record.runs!.map((r) => [r.id, r.status])).toEqual([
      [`${log.id}/one`, "failed"],
      [`${log.id}/one#2`, "failed"],
      [`${log.id}/one#3`, "success"],
    ]);
    expect(record.retries).toEqual({
      attempts: 2,
      errors: [
        `Tool "digest": flaky 1 in ${log.id}/one`,
        `Tool "digest": flaky 2 in ${log.id}/one#2`,
      ],
    });
    const retries = events.filter((e) => e.type === "step_retry" && e.stepId === "one");
    expect(retries.map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2]);
  });

  it("each + retry keeps only the last attempt's log per iteration", async () => {
    const seen = new Map<string, number>();
    const adapter = new MockToolAdapter().register("digest", (args) => {
      const url = String(args["url"]);
      const n = (seen.get(url) ?? 0) + 1;
      seen.set(url, n);
      return url === "b" && n === 1 ? { output: null, error: "once" } : { output: { text: url } };
    });
    const content = skill(
      `
      inputs:
        urls: { type: array }
      steps:
        - id: digests
          type: workflow
          workflow: page-digest
          each: $inputs.urls
          retry: { max: 1, delay: "10ms", backoff: 1 }
          inputs:
            url: { type: string, value: $item }
      `,
      "parent",
    );
    const { log } = await runSkill(content, {
      toolAdapter: adapter,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { urls: ["a", "b"] },
    });
    expect(log.status).toBe("success");
    expect(log.steps[0]!.runs!.map((r) => r.id)).toEqual([
      `${log.id}/digests/0`,
      `${log.id}/digests/1#2`,
    ]);
  });

  it("the step timeout bounds each child run", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter().register(
      "digest",
      (_args, context) =>
        new Promise((resolve) => {
          context?.signal.addEventListener("abort", () =>
            resolve({ output: null, error: "aborted" }),
          );
        }),
    );
    const content = SINGLE.replace(
      "workflow: page-digest",
      'workflow: page-digest\n    timeout: "50ms"',
    );
    const { log } = await runSkill(content, {
      toolAdapter: adapter,
      services,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.status).toBe("failed");
    expect(log.steps[0]!.error).toBe('Workflow "page-digest": Timed out after 50ms');
    expect(log.steps[0]!.runs![0]!.status).toBe("failed");
  });

  it("a timed-out child is retried under retry", async () => {
    const services = createTestServices();
    let calls = 0;
    const adapter = new MockToolAdapter().register("digest", (_args, context) => {
      calls++;
      if (calls > 1) return { output: { text: "late but fine" } };
      return new Promise((resolve) => {
        context?.signal.addEventListener("abort", () =>
          resolve({ output: null, error: "aborted" }),
        );
      });
    });
    const content = SINGLE.replace(
      "workflow: page-digest",
      'workflow: page-digest\n    timeout: "50ms"\n    retry: { max: 1, delay: "1ms", backoff: 1 }',
    );
    const { log } = await runSkill(content, {
      toolAdapter: adapter,
      services,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.status).toBe("success");
    expect(log.steps[0]!.retries).toEqual({ attempts: 1, errors: ["Timed out after 50ms"] });
  });

  it("cancelling the parent cancels the child", async () => {
    const controller = new AbortController();
    const adapter = new MockToolAdapter().register("digest", (_args, context) => {
      queueMicrotask(() => controller.abort());
      return new Promise((resolve) => {
        context?.signal.addEventListener("abort", () =>
          resolve({ output: null, error: "aborted" }),
        );
      });
    });
    const { log } = await runSkill(SINGLE, {
      toolAdapter: adapter,
      signal: controller.signal,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    expect(log.error).toEqual({ phase: "execute", message: "Workflow run was cancelled" });
    expect(log.steps[0]!.error).toBe("Step cancelled");
    expect(log.steps[0]!.runs![0]!.error?.message).toBe("Workflow run was cancelled");
  });

  it("child events reach the same onEvent with the child's runId; workflow_start names the parent", async () => {
    const { log, events } = await runSkill(SINGLE, {
      toolAdapter: digestAdapter(),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: "u" },
    });
    const child = `${log.id}/one`;
    const trace = events.map((e: RuntimeEvent & { runId?: string }) => [
      e.type,
      e.runId === child ? "child" : "parent",
    ]);
    expect(trace).toEqual([
      ["workflow_start", "parent"],
      ["step_start", "parent"],
      ["workflow_start", "child"],
      ["step_start", "child"],
      ["step_complete", "child"],
      ["workflow_complete", "child"],
      ["step_complete", "parent"],
      ["workflow_complete", "parent"],
    ]);
    expect(events[2]).toMatchObject({
      type: "workflow_start",
      workflow: "page-digest",
      runId: child,
      parent: { runId: log.id, stepId: "one" },
    });
    expect(Object.hasOwn((events[2] as { parent: object }).parent, "iteration")).toBe(false);
  });

  it("nests: a grandchild's run id extends its parent's", async () => {
    const middle = skill(
      `
      inputs:
        url: { type: string }
      outputs:
        summary: { type: string, value: $steps.inner.output.summary }
      steps:
        - id: inner
          type: workflow
          workflow: page-digest
          inputs:
            url: { type: string, value: $inputs.url }
          outputs:
            summary: { type: string }
      `,
      "middle",
    );
    const content = SINGLE.replace("workflow: page-digest", "workflow: middle");
    const { log } = await runSkill(content, {
      toolAdapter: digestAdapter(),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST, middle }),
      inputs: { url: "deep" },
    });
    expect(log.outputs).toEqual({ summary: "digest of deep" });
    const mid = log.steps[0]!.runs![0]!;
    expect(mid.steps[0]!.runs![0]!.id).toBe(`${log.id}/one/inner`);
  });

  it("a child input that fails the child's own input test at run time fails the child (phase validate)", async () => {
    const content = SINGLE.replace(
      "url: { type: string, value: $inputs.url }",
      "url: { type: string, nullable: true, value: $inputs.url }",
    ).replace(
      "inputs:\n  url: { type: string }",
      "inputs:\n  url: { type: string, nullable: true }",
    );
    const { log } = await runSkill(content, {
      toolAdapter: digestAdapter(),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: null },
    });
    expect(log.status).toBe("failed");
    const record = log.steps[0]!;
    expect(record.error).toMatch(/^Workflow "page-digest": Workflow validation failed: /);
    const run = record.runs![0]!;
    expect(run.id).toBe(`${log.id}/one`);
    expect(run.error?.phase).toBe("validate");
    expect(run.error?.details?.map((d) => d.code)).toEqual(["INPUT_TYPE"]);
  });

  it("secrets are redacted in child run logs and child events", async () => {
    const secret = "sk-live-123456";
    const adapter = new MockToolAdapter().register("digest", () => ({
      output: null,
      error: `refused key ${secret}`,
    }));
    const { log, events } = await runSkill(SINGLE, {
      toolAdapter: adapter,
      secrets: [secret],
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { url: secret },
    });
    expect(JSON.stringify(log)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(log.steps[0]!.runs![0]!.inputs).toEqual({ url: "[REDACTED]" });
  });
});
