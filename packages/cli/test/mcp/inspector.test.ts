// A conformance run of the MCP Inspector's CLI mode against `skillflow mcp` (stdio) and serve's /mcp
// (streamable HTTP). The Inspector is not a dependency: `.ci/run` installs it and sets
// SKILLFLOW_MCP_INSPECTOR to its `mcp-inspector` executable; elsewhere this file is skipped (say
// so), and mcp.test.ts checks the same protocol through the SDK's own client.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, project, startServe, type Project, SERVE_TEST } from "../serve/_serve.js";
import { GREET } from "./_mcp.js";

const INSPECTOR = process.env.SKILLFLOW_MCP_INSPECTOR;

/** Runs the Inspector's CLI mode; answers its exit code and the JSON it printed. */
function inspect(
  p: Project,
  args: string[],
): Promise<{ code: number | null; json: unknown; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(INSPECTOR!, ["--cli", ...args], {
      cwd: p.root,
      env: { ...process.env, ...p.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const start = stdout.indexOf("{");
      let json: unknown;
      try {
        json = start >= 0 ? JSON.parse(stdout.slice(start)) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, json, stderr });
    });
  });
}

async function withPrompt(): Promise<Project> {
  const p = await project({ greet: GREET }, "{}\n");
  const folder = path.join(p.root, ".agents/skills/hello");
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, "SKILL.md"),
    "---\nname: hello\ndescription: Says hello to someone.\nuser-invocable: true\n---\n\nSay hello to $ARGUMENTS.\n",
  );
  return p;
}

describe.skipIf(INSPECTOR === undefined)("the MCP Inspector (CLI mode)", SERVE_TEST, () => {
  it("lists and calls tools, reads skill resources and gets prompts over stdio", async () => {
    const p = await withPrompt();
    const server = [process.execPath, BIN, "mcp"];
    const tools = await inspect(p, [...server, "--method", "tools/list"]);
    expect(tools.code, tools.stderr).toBe(0);
    const names = (tools.json as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["greet", "list_skills", "validate_workflow"]));

    const called = await inspect(p, [
      ...server,
      "--method",
      "tools/call",
      "--tool-name",
      "greet",
      "--tool-arg",
      "name=Ada",
    ]);
    expect(called.code, called.stderr).toBe(0);
    expect(called.json).toMatchObject({ structuredContent: { greeting: [{ name: "Ada" }] } });

    const resources = await inspect(p, [...server, "--method", "resources/list"]);
    expect(resources.code, resources.stderr).toBe(0);
    const uris = (resources.json as { resources: { uri: string }[] }).resources.map((r) => r.uri);
    expect(uris).toEqual(expect.arrayContaining(["skill://hello/SKILL.md"]));

    const read = await inspect(p, [
      ...server,
      "--method",
      "resources/read",
      "--uri",
      "skill://hello/SKILL.md",
    ]);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.stringify(read.json)).toContain("Says hello to someone.");

    const prompt = await inspect(p, [
      ...server,
      "--method",
      "prompts/get",
      "--prompt-name",
      "hello",
      "--prompt-args",
      "arguments=Grace",
    ]);
    expect(prompt.code, prompt.stderr).toBe(0);
    expect(JSON.stringify(prompt.json)).toContain("Say hello to");
  });

  it("lists tools over streamable HTTP at serve's /mcp with the token", async () => {
    const p = await withPrompt();
    const serve = await startServe(p);
    const tools = await inspect(p, [
      `${serve.url}/mcp`,
      "--transport",
      "http",
      "--method",
      "tools/list",
      "--header",
      `Authorization: Bearer ${serve.token}`,
    ]);
    expect(tools.code, tools.stderr).toBe(0);
    const names = (tools.json as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toContain("greet");
  });
});
