// Conformance [EXT] §13.3: `$steps.<id>.status` and `.error` in expressions; unknown members refused.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { lineOf, record, runSkill, skill } from "./helpers.js";

/** `web_fetch` fails for the urls in `down`; `echo` returns its arguments. */
function adapter(down: readonly string[]): MockToolAdapter {
  const tools = new MockToolAdapter();
  tools.register("web_fetch", (args) =>
    down.includes(String(args.url))
      ? { output: null, error: `unreachable ${String(args.url)}` }
      : { output: { body: `from ${String(args.url)}` } },
  );
  tools.register("echo", (args) => ({ output: args }));
  return tools;
}

const FALLBACK = skill(`
  inputs:
    url: { type: string, default: "https://primary" }
    mirror: { type: string, default: "https://mirror" }
  steps:
    - id: primary
      type: tool
      tool: web_fetch
      on_error: ignore
      inputs: { url: { type: string, value: $inputs.url } }
    - id: fallback
      type: tool
      tool: web_fetch
      condition: $steps.primary.status == "failed"
      inputs: { url: { type: string, value: $inputs.mirror } }
    - id: report
      type: tool
      tool: echo
      inputs:
        primary_status: { type: string, value: $steps.primary.status }
        primary_error: { type: string, nullable: true, value: $steps.primary.error }
        fallback_status: { type: string, value: "\${steps.fallback.status}" }
        fallback_error: { type: string, nullable: true, value: $steps.fallback.error }
`);

describe("$steps.<id>.status and .error (§13.3)", () => {
  it("a fallback guarded by status == failed runs after an ignored failure and sees its error", async () => {
    const { log } = await runSkill(FALLBACK, { toolAdapter: adapter(["https://primary"]) });
    expect(log.status).toBe("success");
    expect(record(log, "primary").status).toBe("failed");
    expect(record(log, "fallback")).toMatchObject({
      status: "success",
      output: { body: "from https://mirror" },
    });
    expect(record(log, "report").output).toEqual({
      primary_status: "failed",
      primary_error: record(log, "primary").error,
      fallback_status: "success",
      fallback_error: null,
    });
    expect(record(log, "primary").error).toBe('Tool "web_fetch": unreachable https://primary');
  });

  it("a healthy primary skips the fallback: status skipped, error null for both", async () => {
    const { log } = await runSkill(FALLBACK, { toolAdapter: adapter([]) });
    expect(record(log, "fallback").status).toBe("skipped");
    expect(record(log, "report").output).toEqual({
      primary_status: "success",
      primary_error: null,
      fallback_status: "skipped",
      fallback_error: null,
    });
  });

  it("steps skipped by accounting (branch not selected) read as skipped in workflow outputs", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          picked: { type: string, value: $steps.yes.status }
          other: { type: string, value: $steps.no.status }
          other_error: { type: string, nullable: true, value: $steps.no.error }
        steps:
          - { id: c, type: conditional, condition: "true", then: [yes], else: [no] }
          - { id: yes, type: tool, tool: echo }
          - { id: no, type: tool, tool: echo }
      `),
      { toolAdapter: adapter([]) },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ picked: "success", other: "skipped", other_error: null });
  });

  it("a failed each step exposes its error and failed status", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          urls: { type: array, default: ["https://a", "https://b"] }
        outputs:
          status: { type: string, value: $steps.all.status }
          error: { type: string, nullable: true, value: $steps.all.error }
        steps:
          - id: all
            type: tool
            tool: web_fetch
            each: $inputs.urls
            on_error: ignore
            inputs: { url: { type: string, value: $item } }
      `),
      { toolAdapter: adapter(["https://b"]) },
    );
    expect(log.outputs).toEqual({ status: "failed", error: record(log, "all").error });
    expect(typeof record(log, "all").error).toBe("string");
  });

  it.each([
    ["expression", "$steps.primary.outcome", "outcome"],
    ["template", "got ${steps.primary.result}", "result"],
    ["index", '$steps.primary["errors"]', "errors"],
  ])(
    "an unknown member (%s) is UNKNOWN_STEP_MEMBER at its line and column",
    async (_form, text, member) => {
      const content = skill(`
        steps:
          - { id: primary, type: tool, tool: echo }
          - id: next
            type: tool
            tool: echo
            inputs:
              x: { type: string, value: '${text}' }
      `);
      const { log, events } = await runSkill(content, { toolAdapter: adapter([]) });
      expect(events).toEqual([]);
      expect(log.error?.phase).toBe("validate");
      const line = lineOf(content, text);
      const column = content.split("\n")[line - 1]!.indexOf(text) + text.indexOf("steps") + 1;
      expect(log.error?.details).toEqual([
        expect.objectContaining({
          code: "UNKNOWN_STEP_MEMBER",
          path: "steps[1].inputs.x.value",
          line,
          column: text.startsWith("$") ? column - 1 : column - 2,
        }),
      ]);
      expect(log.error?.details?.[0]?.message).toContain(member);
    },
  );

  it("every expression site is checked: guards, each, exit output, workflow outputs, map values", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          o: { type: string, value: $steps.primary.outcome }
        steps:
          - { id: primary, type: tool, tool: echo }
          - { id: guarded, type: tool, tool: echo, condition: $steps.primary.ok }
          - id: mapped
            type: transform
            operation: map
            each: $steps.primary.items
            expression: { v: $steps.primary.value }
          - { id: done, type: exit, status: success, output: { r: $steps.primary.reason } }
      `),
      { toolAdapter: adapter([]) },
    );
    expect(log.error?.details?.map((d) => [d.code, d.path])).toEqual([
      ["UNKNOWN_STEP_MEMBER", "steps[1].condition"],
      ["UNKNOWN_STEP_MEMBER", "steps[2].each"],
      ["UNKNOWN_STEP_MEMBER", "steps[2].expression.v"],
      ["UNKNOWN_STEP_MEMBER", "steps[3].output.r"],
      ["UNKNOWN_STEP_MEMBER", "outputs.o.value"],
    ]);
  });

  it("known members pass in every form: dot, quoted index, template", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: primary, type: tool, tool: echo }
          - id: next
            type: tool
            tool: echo
            inputs:
              a: { type: string, value: '$steps.primary["status"]' }
              b: { type: string, value: "\${steps.primary.status}/\${steps.primary.error}" }
              c: { type: object, value: $steps.primary }
      `),
      { toolAdapter: adapter([]) },
    );
    expect(log.status).toBe("success");
    expect(record(log, "next").output).toEqual({
      a: "success",
      b: "success/",
      c: { output: {}, status: "success", error: null },
    });
  });

  it('typeCheck "off" restores the §4.6 reading: an unknown member is absent', async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: primary, type: tool, tool: echo }
          - id: next
            type: tool
            tool: echo
            inputs:
              missing: { type: string, value: $steps.primary.outcome ?? "absent" }
              status: { type: string, value: $steps.primary.status }
      `),
      { toolAdapter: adapter([]), typeCheck: "off" },
    );
    expect(log.status).toBe("success");
    expect(record(log, "next").output).toEqual({ missing: "absent", status: "success" });
  });

  it("status and error are strings under D1 wiring: an int input fed by status is a TYPE_MISMATCH", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: primary, type: tool, tool: echo }
          - id: next
            type: tool
            tool: echo
            inputs:
              n: { type: int, value: $steps.primary.status }
              e: { type: string, value: $steps.primary.error }
      `),
      { toolAdapter: adapter([]) },
    );
    expect(log.error?.details).toEqual([
      expect.objectContaining({ code: "TYPE_MISMATCH", path: "steps[1].inputs.n.value" }),
    ]);
  });
});
