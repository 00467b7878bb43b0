// createStandardTools: the tool names a host gets, shell only with an allowlist, keys kept out of errors.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeToolAdapterContract } from "@skillflow/workflow/testing/contract";
import { describe, expect, it } from "vitest";
import { createStandardTools } from "../../src/standard.js";

async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "skillflow-standard-"));
  await writeFile(join(root, "hello.txt"), "hi");
  return root;
}

describe("createStandardTools", () => {
  it("offers the standard tools, and shell only when commands are allowed", async () => {
    const root = await workspace();
    const names = (tools: ReturnType<typeof createStandardTools>) =>
      tools
        .list()
        .map((d) => d.name)
        .sort();
    expect(names(createStandardTools({ workspaceRoot: root, env: {} }))).toEqual([
      "file_list",
      "file_read",
      "file_read_json",
      "file_write",
      "http",
      "llm",
      "web_fetch",
      "web_fetch_raw",
      "web_scrape",
    ]);
    const withShell = createStandardTools({
      workspaceRoot: root,
      env: {},
      shell: { allow: ["echo"] },
    });
    expect(names(withShell)).toContain("shell");
  });

  it("refuses private addresses unless the environment allows them", async () => {
    const root = await workspace();
    const strict = createStandardTools({ workspaceRoot: root, env: {} });
    const result = await strict.invoke("web_fetch_raw", { url: "http://127.0.0.1:9/" });
    expect(result.error).toMatch(/Refusing to connect/);
    const open = createStandardTools({
      workspaceRoot: root,
      env: { SKILLFLOW_ALLOW_PRIVATE_NETWORK: "1" },
    });
    const reached = await open.invoke("web_fetch_raw", { url: "http://127.0.0.1:9/" });
    expect(reached.error ?? "").not.toMatch(/Refusing to connect/);
  });

  it("names the missing key variable and never shows a configured key", async () => {
    const root = await workspace();
    const missing = await createStandardTools({ workspaceRoot: root, env: {} }).invoke("llm", {
      prompt: "hi",
      model: "openai:gpt-5",
    });
    expect(missing.error).toContain("OPENAI_API_KEY");
    const key = "sk-test-0123456789abcdef";
    const tools = createStandardTools({
      workspaceRoot: root,
      env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: "http://127.0.0.1:9/v1" },
    });
    const failed = await tools.invoke("llm", { prompt: `echo ${key}`, model: "openai:gpt-5" });
    expect(failed.error).toBeDefined();
    expect(JSON.stringify(failed)).not.toContain(key);
  });
});

describeToolAdapterContract("createStandardTools", async () => ({
  adapter: createStandardTools({ workspaceRoot: await workspace(), env: {} }),
  knownTool: { name: "file_read", args: { path: "hello.txt" } },
  unknownTool: "no_such_tool",
}));
