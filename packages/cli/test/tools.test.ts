// skillflow tools: the standard tools, shell per config, JSON schemas.
import { describe, expect, it } from "vitest";
import { REPO_ROOT, cli, trustedEnv } from "./helpers.js";

describe("skillflow tools", () => {
  it("lists the standard tools and says shell needs config", async () => {
    const result = await cli(["tools"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^file_read\(.*path/m);
    expect(result.stdout).toContain("web_fetch(");
    expect(result.stdout).toContain("shell: not available");
  });

  it("prints descriptors with input schemas as JSON, with shell when the config allows it", async () => {
    const result = await cli(["tools", "--json"], {
      cwd: REPO_ROOT,
      env: await trustedEnv(REPO_ROOT),
    });
    const tools = JSON.parse(result.stdout) as { name: string; inputSchema: { type: string } }[];
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["file_read", "llm", "shell"]));
    expect(tools.every((t) => t.inputSchema.type === "object")).toBe(true);
  });

  it("rejects a bad config with exit 2", async () => {
    expect((await cli(["tools", "--config", "bad.config.json"])).code).toBe(2);
  });
});
