// Review (issue 12): secrets are masked at any depth, in cycles and shared objects, and never left in clear.
import { describe, expect, it } from "vitest";
import {
  MockToolAdapter,
  REDACTED,
  maskSecretArguments,
  redactDeep,
  runWorkflowSkill,
  secretValuesOf,
} from "../../src/index.js";
import { MAX_REDACT_DEPTH } from "../../src/model/secrets.js";

/** `leaf` wrapped in `depth` levels of `{ level: … }`. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { level: value };
  return value;
}

describe("maskSecretArguments at any depth (a password at depth 8 was stored in clear)", () => {
  it.each([1, 6, 7, 8, 20, MAX_REDACT_DEPTH - 1])("a password under %i levels", (depth) => {
    const masked = maskSecretArguments({ body: nested(depth, { password: "hunter2-pw" }) });
    expect(JSON.stringify(masked)).not.toContain("hunter2-pw");
    expect(JSON.stringify(masked)).toContain(`"password":"${REDACTED}"`);
  });

  it("a subtree deeper than the walk goes is replaced whole, not kept", () => {
    const masked = maskSecretArguments({
      body: nested(MAX_REDACT_DEPTH + 50, { password: "hunter2-pw", note: "deep" }),
    });
    const text = JSON.stringify(masked);
    expect(text).not.toContain("hunter2-pw");
    expect(text).not.toContain("deep");
    expect(text).toContain(REDACTED);
  });

  it("URL credentials deep inside a carrier are masked too", () => {
    const masked = maskSecretArguments({
      body: nested(10, "https://u:pw-1234@host/x?token=t0k3n"),
    });
    expect(JSON.stringify(masked)).not.toMatch(/pw-1234|t0k3n/);
  });

  it("survives a cycle (masked, and made serialisable) and rewrites a shared object once", () => {
    const shared = { password: "hunter2-pw" };
    const loop: Record<string, unknown> = { shared, again: shared };
    loop["self"] = loop;
    const masked = maskSecretArguments({ body: loop }) as { body: Record<string, unknown> };
    expect(masked.body["self"]).toBe(REDACTED);
    expect(masked.body["shared"]).toBe(masked.body["again"]);
    expect(JSON.stringify(masked)).not.toContain("hunter2-pw");
  });

  it("a wide fan-out of shared references is walked once, not once per path", () => {
    // 2^60 paths through 60 objects: a walk per path would never end.
    const bottom = { password: "hunter2-pw" };
    let value: Record<string, unknown> = bottom;
    for (let i = 0; i < 60; i++) value = { a: value, b: value };
    let node = (maskSecretArguments({ body: value }) as { body: Record<string, unknown> }).body;
    for (let i = 0; i < 60; i++) {
      expect(node["a"]).toBe(node["b"]);
      node = node["a"] as Record<string, unknown>;
    }
    expect(node).toEqual({ password: REDACTED });
  });

  it("keeps `__proto__` entries as own data", () => {
    const body = JSON.parse('{"__proto__": {"password": "hunter2-pw"}}') as unknown;
    const masked = maskSecretArguments({ body }) as { body: object };
    expect(Object.getPrototypeOf(masked.body)).toBe(Object.prototype);
    expect(JSON.stringify(masked.body)).toBe(`{"__proto__":{"password":"${REDACTED}"}}`);
  });
});

describe("redactDeep at any depth", () => {
  it.each([8, 50, MAX_REDACT_DEPTH - 1])("a secret value under %i levels", (depth) => {
    const out = redactDeep(nested(depth, "key s3cr3t-value"), ["s3cr3t-value"]);
    expect(JSON.stringify(out)).toContain(`key ${REDACTED}`);
  });

  it("beyond the walk, the subtree is replaced whole; a value 10 000 levels deep does not overflow", () => {
    const out = redactDeep(nested(10_000, "s3cr3t-value"), ["s3cr3t-value"]);
    expect(JSON.stringify(out)).not.toContain("s3cr3t-value");
  });

  it("a cycle back-reference reads REDACTED: the secret does not survive through it", () => {
    const a: Record<string, unknown> = { s: "s3cr3t-value" };
    a["self"] = a;
    const out = redactDeep(a, ["s3cr3t-value"]);
    expect(out).toEqual({ s: REDACTED, self: REDACTED });
  });
});

describe("a run log keeps no deep secret", () => {
  it("a password nested 8 levels deep in a step argument is masked in the record", async () => {
    const adapter = new MockToolAdapter();
    const seen: unknown[] = [];
    adapter.register("http", (args) => {
      seen.push(args);
      return { output: "ok" };
    });
    const body = JSON.stringify(nested(8, { password: "hunter2-pw" }));
    const log = await runWorkflowSkill({
      content: `steps:\n  - id: call\n    type: tool\n    tool: http\n    inputs:\n      body: { type: object, value: ${body} }\n`,
      toolAdapter: adapter,
    });
    expect(log.status).toBe("success");
    expect(JSON.stringify(seen)).toContain("hunter2-pw");
    expect(JSON.stringify(log)).not.toContain("hunter2-pw");
  });
});

describe("secretValuesOf: the one list of secret environment values", () => {
  it("takes *_TOKEN, *_PASSWORD, *_API_KEY, *_SECRET values of 4+ characters, once each", () => {
    expect(
      secretValuesOf({
        MY_API_TOKEN: "s3cr3t-token",
        DB_PASSWORD: "pw-1234",
        OPENAI_API_KEY: "sk-abc",
        CLIENT_SECRET: "sk-abc",
        SHORT_TOKEN: "abc",
        HOME: "/home/me",
        TOKENIZER: "bpe-large",
      }).sort(),
    ).toEqual(["pw-1234", "s3cr3t-token", "sk-abc"]);
  });
});
