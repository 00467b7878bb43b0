// Secrets never reach the run log: secret-named arguments are always masked; listed secret values are
// redacted everywhere in the log and in events.
import { describe, expect, it } from "vitest";
import {
  MockToolAdapter,
  REDACTED,
  containsRedacted,
  isSecretInputName,
  maskSecretInputs,
  redactDeep,
  secretInputValues,
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

describe("secret-named workflow inputs", () => {
  it("are told by name, in snake_case, kebab-case and camelCase", () => {
    const secret = ["token", "api_token", "githubToken", "db-password", "API_KEY", "apiKey"];
    const more = ["accessKey", "private_key", "client_secret", "credentials", "passwd"];
    for (const name of [...secret, ...more]) expect(isSecretInputName(name), name).toBe(true);
    const plain = ["sort_key", "key", "max_tokens", "tokenizer", "monkey", "author", "pin"];
    for (const name of plain) expect(isSecretInputName(name), name).toBe(false);
  });

  it("give their values, strings and numbers at any depth, 8 characters or more", () => {
    const inputs = {
      api_token: "tok-123456",
      dbPassword: 48151623,
      credentials: { user: "ann", pass: ["p4ssw0rd"] },
      city: "Oslo",
      pin_token: "abc",
    };
    expect(secretInputValues(inputs).sort()).toEqual(["48151623", "p4ssw0rd", "tok-123456"]);
    // Every one, however many: a value past a limit would be left in clear.
    const many = { keys_token: Array.from({ length: 1000 }, (_, i) => `secret-${i}`) };
    expect(secretInputValues(many)).toHaveLength(1000);
    // Short values would hide a status ("waiting") or a year in timestamps: masked by name only.
    expect(secretInputValues({ api_token: "waiting", pin_password: 2026 })).toEqual([]);
  });

  it("read [REDACTED] in a masked copy whatever their type; other inputs stay", () => {
    const inputs = JSON.parse('{"__proto__": 1, "password": 12, "city": "Oslo", "token": null}');
    const masked = maskSecretInputs(inputs);
    expect(masked).not.toBe(inputs);
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(JSON.stringify(masked)).toBe(
      '{"__proto__":1,"password":"[REDACTED]","city":"Oslo","token":null}',
    );
    const plain = { city: "Oslo" };
    expect(maskSecretInputs(plain)).toBe(plain);
  });

  it("redactDeep redacts a number that is a secret, and containsRedacted finds what it took", () => {
    const out = redactDeep({ pin: 48151623, year: 2026, text: "pin 48151623" }, ["48151623"]);
    expect(out).toEqual({ pin: REDACTED, year: 2026, text: `pin ${REDACTED}` });
    // A short numeric secret (an environment's PIN) is redacted in text, never as a number: it
    // could be a duration or a count of the log.
    expect(redactDeep({ duration_ms: 2026, text: "pin 2026" }, ["2026"])).toEqual({
      duration_ms: 2026,
      text: `pin ${REDACTED}`,
    });
    expect(redactDeep({ big: 1e21 }, ["1e+21"])).toEqual({ big: REDACTED });
    expect(containsRedacted(out.pin)).toBe(true);
    expect(containsRedacted({ a: [{ b: `x ${REDACTED}` }] })).toBe(true);
    expect(containsRedacted({ a: [1, "plain", null] })).toBe(false);
    // Shared sub-objects are walked once: 40 levels of two references each stay linear.
    let shared: unknown = "plain";
    for (let i = 0; i < 40; i++) shared = { a: shared, b: shared };
    expect(containsRedacted(shared)).toBe(false);
  });
});
