// Secrets never reach the run log: secret-named arguments are always masked; listed secret values are
// redacted everywhere in the log and in events.
import { describe, expect, it } from "vitest";
import {
  MockToolAdapter,
  REDACTED,
  redactDeep,
  runWorkflowSkill,
  type RuntimeEvent,
} from "../../src/index.js";

const DOC = `inputs:
  token: { type: string }
steps:
  - id: call
    type: tool
    tool: http
    inputs:
      url: { type: string, value: "https://api.example/items" }
      headers:
        type: object
        value: { Authorization: "Bearer literal-secret-123", Accept: application/json }
      api_key: { type: string, value: $inputs.token }
      note: { type: string, value: "sent \${inputs.token}" }
outputs:
  echoed: { type: string, value: $steps.call.output.echo }
`;

function adapter(): { tools: MockToolAdapter; seen: Record<string, unknown>[] } {
  const seen: Record<string, unknown>[] = [];
  const tools = new MockToolAdapter();
  tools.register("http", (args) => {
    seen.push(args);
    return { output: { echo: `server saw ${String(args["api_key"])}` } };
  });
  return { tools, seen };
}

describe("secrets in run logs", () => {
  it("masks secret-named arguments in step records, while the tool still receives them", async () => {
    const { tools, seen } = adapter();
    const log = await runWorkflowSkill({
      content: DOC,
      inputs: { token: "tok-abcdef" },
      toolAdapter: tools,
    });
    expect(log.status).toBe("success");
    expect(seen[0]).toMatchObject({
      api_key: "tok-abcdef",
      headers: { Authorization: "Bearer literal-secret-123" },
    });
    expect(log.steps[0]?.inputs).toMatchObject({
      api_key: REDACTED,
      headers: { Authorization: REDACTED, Accept: "application/json" },
    });
    expect(JSON.stringify(log.steps)).not.toContain("literal-secret-123");
  });

  it("redacts listed secret values everywhere: inputs, step records, outputs and events", async () => {
    const { tools } = adapter();
    const events: RuntimeEvent[] = [];
    const log = await runWorkflowSkill({
      content: DOC,
      inputs: { token: "tok-abcdef" },
      toolAdapter: tools,
      secrets: ["tok-abcdef"],
      onEvent: (e) => events.push(e),
    });
    const text = JSON.stringify(log);
    expect(text).not.toContain("tok-abcdef");
    expect(log.inputs["token"]).toBe(REDACTED);
    expect(log.outputs["echoed"]).toBe(`server saw ${REDACTED}`);
    expect(JSON.stringify(events)).not.toContain("tok-abcdef");
  });

  it("redacts secrets in error messages and retry errors", async () => {
    const tools = new MockToolAdapter();
    tools.register("http", () => ({ output: null, error: "401 for key tok-abcdef" }));
    const log = await runWorkflowSkill({
      content: DOC.replace(
        "    tool: http\n",
        "    tool: http\n    retry: { max: 1, delay: 0ms, backoff: 1 }\n",
      ),
      inputs: { token: "x" },
      toolAdapter: tools,
      secrets: ["tok-abcdef"],
    });
    expect(log.status).toBe("failed");
    expect(JSON.stringify(log)).not.toContain("tok-abcdef");
    expect(log.error?.message).toContain(REDACTED);
  });
});

describe("redactDeep", () => {
  it("copies only what changes and ignores secrets shorter than 4 characters", () => {
    const untouched = { a: [1, { b: "plain" }] };
    const value = { keep: untouched, hit: { s: "key=abcd1234" } };
    const out = redactDeep(value, ["abcd1234", "ab"]);
    expect(out.keep).toBe(untouched);
    expect(out.hit.s).toBe(`key=${REDACTED}`);
    expect(value.hit.s).toBe("key=abcd1234");
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { s: "secret-value" };
    a["self"] = a;
    expect(() => redactDeep(a, ["secret-value"])).not.toThrow();
  });
});
