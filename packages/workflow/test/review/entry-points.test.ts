// Review: the entry points resolve with a RunLog whatever they are given (§8.1, K29, C43, §6.9 step 5).
import { describe, expect, it } from "vitest";
import { MockToolAdapter, runWorkflow, runWorkflowSkill } from "../../src/index.js";
import type { RunWorkflowSkillOptions, RuntimeEvent } from "../../src/index.js";
import { createTestServices, skill, trace } from "../conformance/helpers.js";

describe("entry points never throw synchronously (§8.1 'never rejects', K29)", () => {
  // runtime/api.ts:146 and :164 read `options.workflowName` before entering `guarded`, outside any
  // try: a JavaScript caller passing nothing (or options whose getter throws) gets a synchronous
  // TypeError instead of a promise of a failed log. The reference's async functions at least reject.
  it("runWorkflowSkill(undefined) returns a promise of a failed log", async () => {
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = runWorkflowSkill(undefined as unknown as RunWorkflowSkillOptions);
    }).not.toThrow();
    await expect(result).resolves.toMatchObject({ status: "failed" });
  });

  it("runWorkflow with a throwing option getter returns a promise of a failed log", async () => {
    const options = {
      workflow: { inputs: {}, outputs: {}, steps: [] },
      toolAdapter: new MockToolAdapter(),
      get workflowName(): string {
        throw new Error("getter");
      },
    };
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = runWorkflow(options);
    }).not.toThrow();
    await expect(result).resolves.toMatchObject({ status: "failed" });
  });
});

describe("workflow_complete after workflow_start (§6.9 step 5)", () => {
  // §6.9: workflow_complete is emitted exactly once for every run that emitted workflow_start.
  // execute() (execute/run.ts:127-134) only guards runSequence; when the host clock throws while the
  // run concludes, the exception escapes to `guarded`, which returns a step-less pre-execution log and
  // the started run never emits workflow_complete.
  it("a clock that starts throwing mid-run still yields workflow_complete and the step records", async () => {
    const services = createTestServices();
    let calls = 0;
    const events: RuntimeEvent[] = [];
    const adapter = new MockToolAdapter().register("t", () => ({ output: 1 }));
    const log = await runWorkflowSkill({
      content: skill(`
        steps:
          - { id: a, type: tool, tool: t }
      `),
      toolAdapter: adapter,
      onEvent: (e) => events.push(e),
      services: {
        newId: services.newId,
        sleep: services.sleep,
        now: () => {
          if (++calls > 2) throw new Error("clock broke");
          return services.now();
        },
      },
    });
    expect(trace(events)[0]).toBe("workflow_start");
    expect(trace(events).filter((e) => e.startsWith("workflow_complete"))).toHaveLength(1);
    expect(log.status).toBe("failed");
    expect(log.steps.length).toBeGreaterThan(0);
  });
});
