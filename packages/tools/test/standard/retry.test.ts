// The standard tools under the runtime's retry policy (§13.2): permanent failures are tried once,
// transient HTTP failures are retried, and Retry-After is honoured within max_delay — on a virtual clock.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  runWorkflowSkill,
  type RunLog,
  type RuntimeEvent,
  type ToolAdapter,
} from "@skillflow/workflow";
import { createTestServices } from "@skillflow/workflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStandardTools } from "../../src/standard.js";
import { type Fixture, startFixture } from "../web/_server.js";

let fixture: Fixture;
let root: string;
beforeAll(async () => {
  fixture = await startFixture();
  root = await mkdtemp(join(tmpdir(), "skillflow-retry-"));
  await writeFile(join(root, "hello.txt"), "hi");
});
afterAll(() => fixture.close());

interface Outcome {
  log: RunLog;
  /** Virtual ms since the run started, at each invocation. */
  attempts: number[];
  retries: RuntimeEvent[];
}

/** Runs one tool step `a` with `retry` through the standard tools, counting invocations. */
async function runStep(
  tool: string,
  args: Record<string, unknown>,
  options: { retry?: string; env?: Record<string, string> } = {},
): Promise<Outcome> {
  const tools = createStandardTools({ workspaceRoot: root, env: options.env ?? {} });
  const services = createTestServices();
  const start = services.now();
  const attempts: number[] = [];
  const adapter: ToolAdapter = {
    has: (name) => tools.has(name),
    invoke: (name, input, context) => {
      attempts.push(services.now() - start);
      return tools.invoke(name, input, context);
    },
  };
  const inputs = Object.entries(args)
    .map(([name, value]) => `      ${name}: { type: string, value: ${JSON.stringify(value)} }`)
    .join("\n");
  const content = [
    "steps:",
    "  - id: a",
    "    type: tool",
    `    tool: ${tool}`,
    `    retry: ${options.retry ?? "{ max: 3, delay: 1s, backoff: 1 }"}`,
    "    inputs:",
    inputs,
  ].join("\n");
  const events: RuntimeEvent[] = [];
  const log = await runWorkflowSkill({
    content,
    toolAdapter: adapter,
    services,
    onEvent: (e) => events.push(e),
  });
  return { log, attempts, retries: events.filter((e) => e.type === "step_retry") };
}

const OPEN = { SKILLFLOW_ALLOW_PRIVATE_NETWORK: "1" };

describe("permanent failures of the standard tools make exactly one attempt", () => {
  it.each([
    ["the private-network refusal", "web_fetch", { url: "http://127.0.0.1:9/" }, /Refusing/],
    ["an invalid URL", "http", { url: "not a url" }, /Invalid URL/],
    ["a missing API key", "llm", { prompt: "hi", model: "openai:gpt-5" }, /OPENAI_API_KEY/],
    ["a missing file", "file_read", { path: "missing.txt" }, /missing\.txt/],
    ["bad arguments", "web_fetch", { link: "x" }, /Invalid arguments/],
  ])("%s", async (_label, tool, args, message) => {
    const { log, attempts, retries } = await runStep(tool, args);
    expect(log.status).toBe("failed");
    expect(attempts).toEqual([0]);
    expect(retries).toEqual([]);
    expect(log.steps[0]).not.toHaveProperty("retries");
    expect(log.steps[0]?.error).toMatch(message);
  });
});

describe("HTTP failures through the runtime", () => {
  it("a 500 is retried, and the step error names status, URL and body start", async () => {
    const url = `${fixture.origin}/status?code=500`;
    const { log, attempts } = await runStep("http", { url }, { env: OPEN });
    expect(attempts).toEqual([0, 1000, 2000, 3000]);
    expect(log.steps[0]?.error).toMatch(/^Tool "http": HTTP 500 /);
    expect(log.steps[0]?.error).toContain(url);
    expect(log.steps[0]?.error).toContain("failure 500");
    expect(log.steps[0]?.retries?.attempts).toBe(3);
  });

  it("a 404 is not retried", async () => {
    const { attempts } = await runStep(
      "web_fetch_raw",
      { url: `${fixture.origin}/status?code=404` },
      { env: OPEN },
    );
    expect(attempts).toEqual([0]);
  });

  it("a 429 waits its Retry-After (7 s) instead of the 1 s delay", async () => {
    const { attempts } = await runStep(
      "web_fetch",
      { url: `${fixture.origin}/status?code=429` },
      { env: OPEN, retry: "{ max: 2, delay: 1s, backoff: 1 }" },
    );
    expect(attempts).toEqual([0, 7000, 14_000]);
  });

  it("Retry-After is capped by max_delay", async () => {
    const { attempts } = await runStep(
      "http",
      { url: `${fixture.origin}/status?code=429&retry_after=3600` },
      { env: OPEN, retry: "{ max: 2, delay: 1s, backoff: 1, max_delay: 2s }" },
    );
    expect(attempts).toEqual([0, 2000, 4000]);
  });

  it("with acceptErrorStatus the step succeeds with the status as output", async () => {
    const tools = createStandardTools({ workspaceRoot: root, env: OPEN });
    const log = await runWorkflowSkill({
      content: [
        "steps:",
        "  - id: a",
        "    type: tool",
        "    tool: web_fetch_raw",
        "    inputs:",
        `      url: { type: string, value: "${fixture.origin}/status?code=500" }`,
        "      acceptErrorStatus: { type: boolean, value: true }",
        "    outputs:",
        "      status: { type: int }",
      ].join("\n"),
      toolAdapter: tools,
      services: createTestServices(),
    });
    expect(log.status).toBe("success");
    expect(log.steps[0]?.output).toMatchObject({ status: 500 });
  });
});
