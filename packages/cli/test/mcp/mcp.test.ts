// `skillflow mcp` as clients start it (the built CLI over stdio, through the SDK's client), and the
// same server at serve's /mcp over streamable HTTP behind the API token; runs go through a running
// serve when there is one, else through a service in the mcp process, into the same history.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BIN, call, project, startServe, SERVE_TEST } from "../serve/_serve.js";
import { GREET, SHIP, httpClient, stdioClient } from "./_mcp.js";

const SkillsList = z.object({
  skills: z.array(z.object({ uri: z.string(), frontmatter: z.record(z.string(), z.unknown()) })),
});

describe("skillflow mcp over stdio", SERVE_TEST, () => {
  it("serves the skills, runs a workflow into the history, and offers the authoring tools", async () => {
    const p = await project({ greet: GREET }, "{}\n");
    const { client } = await stdioClient(p);
    expect(client.getServerCapabilities()?.extensions).toHaveProperty([
      "io.modelcontextprotocol/skills",
    ]);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "greet",
        "list_skills",
        "activate_skill",
        "read_skill_file",
        "workflow_status",
        "workflow_approve",
        "workflow_cancel",
        "list_tools",
        "validate_workflow",
        "dry_run_workflow",
      ]),
    );
    const listed = await client.request({ method: "skills/list", params: {} }, SkillsList);
    expect(listed.skills.map((s) => s.frontmatter.name)).toEqual(["greet"]);

    const result = await client.callTool({ name: "greet", arguments: { name: "Ada" } });
    expect(result.isError).not.toBe(true);
    expect(result.structuredContent).toMatchObject({ greeting: [{ name: "Ada" }] });
    const bad = await client.callTool({ name: "greet", arguments: { name: 7 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("name");

    const runs = await call(p, "runs", "list", "--json");
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ workflow: "greet", status: "success" })]),
    );
  });

  it("writes only protocol messages on stdout with an untrusted project and a broken skill", async () => {
    const p = await project({ greet: GREET }, "", { trusted: false });
    const ran = path.join(p.root, "ran.marker");
    writeFileSync(
      path.join(p.root, "skillflow.config.yaml"),
      `skills:\n  trust:\n    project: true\nmcp:\n  evil:\n    command: touch\n    args: [${JSON.stringify(ran)}]\n`,
    );
    const skills = path.join(p.root, ".agents/skills");
    mkdirSync(path.join(skills, "stamp"));
    writeFileSync(
      path.join(skills, "stamp/SKILL.md"),
      `---\nname: stamp\ndescription: Stamps.\n---\nStamp: !\`touch '${ran}' && echo stamped\`\n`,
    );
    mkdirSync(path.join(skills, "broken"));
    writeFileSync(path.join(skills, "broken/SKILL.md"), "---\nname: [unclosed\n---\nBody\n");
    const child = spawn(process.execPath, [BIN, "mcp"], {
      cwd: p.root,
      env: { ...process.env, ...p.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const send = (id: number, method: string, params: object = {}) =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    send(1, "initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "raw", version: "1" },
    });
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`,
    );
    send(2, "tools/list");
    send(3, "tools/call", { name: "activate_skill", arguments: { name: "stamp" } });
    send(4, "tools/call", { name: "greet", arguments: { name: "Ada" } });
    // The answers come in order of completion; stdin ends once all four are in.
    while ((stdout.match(/"id":\s*[1-4]\b/g) ?? []).length < 4)
      await new Promise((resolve) => setTimeout(resolve, 20));
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    const lines = stdout.split("\n").filter((line) => line !== "");
    for (const line of lines)
      expect(JSON.parse(line) as { jsonrpc?: string }).toMatchObject({ jsonrpc: "2.0" });
    expect(lines).toHaveLength(4);
    expect(existsSync(ran)).toBe(false);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("goes through a running serve: a waiting run is approved with workflow_approve", async () => {
    const p = await project({ ship: SHIP }, "{}\n");
    const serve = await startServe(p);
    const { client, stderr } = await stdioClient(p, "--wait", "0.2");
    expect(stderr()).toContain("runs go through skillflow serve");
    const started = await client.callTool({ name: "ship", arguments: {} });
    const { runId, status } = started.structuredContent as { runId: string; status: string };
    expect(status).toBe("waiting");
    const listed = await serve.api("GET", `/api/v1/runs/${runId}`);
    expect(listed.body).toMatchObject({ status: "waiting" });
    const approved = await client.callTool({
      name: "workflow_approve",
      arguments: { runId, approved: true },
    });
    expect(approved.isError).not.toBe(true);
    const done = await serve.api("GET", `/api/v1/runs/${runId}`);
    expect(done.body).toMatchObject({ status: "success", outputs: { approved: true } });
  });
});

describe("serve's /mcp over streamable HTTP", SERVE_TEST, () => {
  it("refuses a client without the token (the checks with it are in transports.test.ts)", async () => {
    const p = await project({ greet: GREET }, "{}\n");
    const { client, serve } = await httpClient(p);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("greet");
    const anonymous = new Client({ name: "anon", version: "1.0.0" });
    await expect(
      anonymous.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`))),
    ).rejects.toThrow(/401|Unauthorized/i);
  });
});
