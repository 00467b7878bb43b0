// Unit tests of the façade: validateWorkflowSkill's warnings field (§5.4) and what a run does when
// host services misbehave (§8.1: runWorkflowSkill never rejects).
import { beforeEach, describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/adapters/mock.js";
import { parseWorkflowFromMd } from "../../src/parse/document.js";
import { runWorkflow, runWorkflowSkill, validateWorkflowSkill } from "../../src/runtime/api.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { createTestServices } from "../../src/testing/clock.js";

const EXIT = "steps:\n  - id: done\n    type: exit\n    status: success\n";

function skill(yaml: string, extra = "", frontmatter = "name: api-test\ndescription: d"): string {
  return `---\n${frontmatter}\n---\n\n# Doc\n\n\`\`\`workflow\n${yaml}\`\`\`\n${extra}`;
}
const SECOND_BLOCK = "\n```workflow\nsteps: []\n```\n";

beforeEach(() => {
  clearWorkflowCache();
});

describe("validateWorkflowSkill warnings (§5.4)", () => {
  it("leaves the warnings key out when there are none (valid, invalid and unparsable)", () => {
    const valid = validateWorkflowSkill({ content: skill(EXIT) });
    expect(valid.valid).toBe(true);
    expect(Object.hasOwn(valid, "warnings")).toBe(false);
    const invalid = validateWorkflowSkill({
      content: skill("steps:\n  - { id: a, type: exit, status: success, delay: 1s }\n"),
    });
    expect(invalid.errors.map((e) => e.code)).toEqual(["DELAY_WITHOUT_EACH"]);
    expect(Object.hasOwn(invalid, "warnings")).toBe(false);
    const unparsable = validateWorkflowSkill({ content: "   " });
    expect(unparsable.errors.map((e) => e.code)).toEqual(["EMPTY_CONTENT"]);
    expect(Object.hasOwn(unparsable, "warnings")).toBe(false);
  });

  it("reports a second workflow block on a valid document, located", () => {
    const content = skill(EXIT, SECOND_BLOCK);
    const result = validateWorkflowSkill({ content });
    expect(result.valid).toBe(true);
    const line = content.split("\n").lastIndexOf("```workflow") + 1;
    expect(result.warnings).toEqual([
      { path: "", message: expect.any(String), code: "MULTIPLE_WORKFLOW_BLOCKS", line, column: 1 },
    ]);
  });

  it("keeps warnings next to validate-phase and parse-phase errors", () => {
    const invalid = validateWorkflowSkill({
      content: skill(
        "steps:\n  - { id: a, type: exit, status: success, delay: 1s }\n",
        SECOND_BLOCK,
      ),
    });
    expect(invalid.valid).toBe(false);
    expect(invalid.warnings?.map((w) => w.code)).toEqual(["MULTIPLE_WORKFLOW_BLOCKS"]);
    const unparsable = validateWorkflowSkill({ content: skill("steps: [\n", SECOND_BLOCK) });
    expect(unparsable.valid).toBe(false);
    expect(unparsable.warnings?.map((w) => w.code)).toEqual(["MULTIPLE_WORKFLOW_BLOCKS"]);
  });

  it("reports invalid frontmatter as a warning; the document stays valid and unnamed", () => {
    const result = validateWorkflowSkill({ content: skill(EXIT, "", "name: 5\ndescription: d") });
    expect(result.valid).toBe(true);
    expect(result.name).toBeUndefined();
    expect(result.warnings?.map((w) => w.code)).toContain("INVALID_FRONTMATTER");
  });
});

describe("misbehaving host services", () => {
  const adapter = new MockToolAdapter();

  it("a sleep that never returns cannot hold a run without waits", async () => {
    const services = { ...createTestServices(), sleep: () => new Promise<void>(() => undefined) };
    const log = await runWorkflowSkill({ content: EXIT, toolAdapter: adapter, services });
    expect(log.status).toBe("success");
  });

  // Current behaviour: `services.now()` is called before the try/catch of runWorkflowSkill /
  // runWorkflow, and again by buildFailedRunLog inside the catch, so a clock that throws (or
  // returns a value `new Date(...).toISOString()` rejects, e.g. NaN) makes both entry points REJECT
  // with the clock's error. A throwing `newId` does the same (runPrepared → catch →
  // buildFailedRunLog → newId). Spec §8.1: runWorkflowSkill never rejects, every failure becomes a
  // failed RunLog (unexpected exception → phase execute); §11 K29 for runWorkflow. Decision asserted
  // here: resolve with a failed log in phase execute carrying the host's message.
  it("runWorkflowSkill resolves with a failed log when services.now throws", async () => {
    const now = (): number => {
      throw new Error("clock broken");
    };
    await expect(
      runWorkflowSkill({ content: EXIT, toolAdapter: adapter, services: { now } }),
    ).resolves.toMatchObject({
      status: "failed",
      error: { phase: "execute", message: "clock broken" },
    });
  });

  it("runWorkflowSkill resolves when the clock throws only once the run started", async () => {
    let calls = 0;
    const now = (): number => {
      if (++calls > 1) throw new Error("clock broken");
      return 0;
    };
    await expect(
      runWorkflowSkill({ content: EXIT, toolAdapter: adapter, services: { now } }),
    ).resolves.toMatchObject({ status: "failed", error: { phase: "execute" } });
  });

  it("runWorkflowSkill resolves when the clock returns NaN", async () => {
    await expect(
      runWorkflowSkill({
        content: EXIT,
        toolAdapter: adapter,
        services: { now: () => Number.NaN },
      }),
    ).resolves.toMatchObject({ status: "failed" });
  });

  it("runWorkflow resolves with a failed log when services.newId throws", async () => {
    const newId = (): string => {
      throw new Error("no ids");
    };
    await expect(
      runWorkflow({
        workflow: parseWorkflowFromMd(EXIT),
        toolAdapter: adapter,
        services: { newId },
      }),
    ).resolves.toMatchObject({ status: "failed", error: { phase: "execute", message: "no ids" } });
  });
});

describe("empty guard end to end", () => {
  // Companion of the compile/plan.test.ts finding: the document validates (an empty condition is
  // "not set" for the validator), yet the run fails the step with a syntax error. §6.3, §12 D2.
  it('a document that validates with condition: "" runs its step', async () => {
    const content = skill('steps:\n  - id: a\n    type: tool\n    tool: t\n    condition: ""\n');
    expect(validateWorkflowSkill({ content }).valid).toBe(true);
    const tools = new MockToolAdapter().register("t", () => ({ output: 1 }));
    const log = await runWorkflowSkill({
      content,
      toolAdapter: tools,
      services: createTestServices(),
    });
    expect(log.status).toBe("success");
  });
});
