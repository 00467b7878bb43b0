// The same protocol checks over both transports as clients use them: the built `skillflow mcp` over
// stdio (runs in its own process) and serve's /mcp over streamable HTTP with the token (runs in
// serve), each through the SDK's client: capabilities, skills with digests recomputed here, resource
// reads and refusals, prompts, a workflow with valid and invalid arguments and progress, a run that
// waits (its id answered), approval, and cancellation.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { project, type Project, SERVE_TEST } from "../serve/_serve.js";
import { GREET, SHIP, httpClient, stdioClient } from "./_mcp.js";

/** SHIP with an input that has a default. */
const SHIP_LATER = SHIP.replace(
  "outputs:",
  "inputs:\n  what: { type: string, default: the release }\noutputs:",
);

const Skill = z.object({
  uri: z.string(),
  frontmatter: z.record(z.string(), z.unknown()),
  resources: z.array(z.object({ uri: z.string(), digest: z.string(), size: z.number() })),
});
const SkillsList = z.object({ skills: z.array(Skill) });

/** A project with two workflows and an instruction skill with a reference file and an eval suite. */
async function makeProject(): Promise<Project> {
  const p = await project({ greet: GREET, ship: SHIP_LATER }, "{}\n");
  const folder = path.join(p.root, ".agents/skills/hello");
  mkdirSync(path.join(folder, "references"), { recursive: true });
  mkdirSync(path.join(folder, "evals"), { recursive: true });
  writeFileSync(
    path.join(folder, "SKILL.md"),
    "---\nname: hello\ndescription: Says hello to someone.\nuser-invocable: true\n---\n\nSay hello to $ARGUMENTS. See references/tone.md.\n",
  );
  writeFileSync(path.join(folder, "references/tone.md"), "Be warm.\n");
  writeFileSync(path.join(folder, "evals/evals.json"), "{}\n");
  return p;
}

type Connect = (p: Project) => Promise<Client>;

const stdio: Connect = async (p) => (await stdioClient(p, "--wait", "0.5")).client;
const http: Connect = async (p) => (await httpClient(p)).client;

const sha256 = (file: string) =>
  `sha256:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;

describe.each([
  ["stdio (skillflow mcp)", stdio],
  ["streamable HTTP (serve's /mcp)", http],
] as const)("over %s", (_label, connect) => {
  it(
    "serves skills: the extension, digests, resources, refusals and prompts",
    SERVE_TEST,
    async () => {
      const p = await makeProject();
      const client = await connect(p);
      expect(client.getServerCapabilities()).toMatchObject({
        tools: {},
        resources: {},
        prompts: {},
        extensions: { "io.modelcontextprotocol/skills": {} },
      });

      const listed = await client.request({ method: "skills/list", params: {} }, SkillsList);
      const hello = listed.skills.find((s) => s.frontmatter.name === "hello");
      expect(hello?.uri).toBe("skill://hello/SKILL.md");
      const folder = path.join(p.root, ".agents/skills/hello");
      expect(hello?.resources).toEqual(
        expect.arrayContaining([
          {
            uri: "skill://hello/SKILL.md",
            digest: sha256(path.join(folder, "SKILL.md")),
            size: expect.any(Number),
          },
          {
            uri: "skill://hello/references/tone.md",
            digest: sha256(path.join(folder, "references/tone.md")),
            size: 9,
          },
        ]),
      );
      expect(hello?.resources.some((r) => r.uri.includes("evals"))).toBe(false);
      const got = await client.request(
        { method: "skills/get", params: { uri: "skill://hello/SKILL.md" } },
        z.object({ skill: Skill }),
      );
      expect(got.skill).toEqual(hello);

      const read = await client.readResource({ uri: "skill://hello/references/tone.md" });
      expect(read.contents[0]).toMatchObject({ text: "Be warm.\n" });
      for (const uri of ["skill://hello/evals/evals.json", "skill://hello/../greet/SKILL.md"])
        await expect(client.readResource({ uri })).rejects.toThrow();

      const prompts = await client.listPrompts();
      expect(prompts.prompts.map((x) => x.name)).toContain("hello");
      const prompt = await client.getPrompt({ name: "hello", arguments: { arguments: "Grace" } });
      expect(JSON.stringify(prompt.messages)).toContain("Say hello to");
    },
  );

  it(
    "runs workflows: outputs, a field-named argument error, progress, approval, cancellation",
    SERVE_TEST,
    async () => {
      const p = await makeProject();
      const client = await connect(p);
      const tools = await client.listTools();
      const greet = tools.tools.find((t) => t.name === "greet");
      expect(greet?.inputSchema).toMatchObject({
        properties: { name: { type: "string", description: "Who to greet" } },
        required: ["name"],
      });

      const progress: number[] = [];
      const result = await client.callTool(
        { name: "greet", arguments: { name: "Ada" } },
        undefined,
        {
          onprogress: (p) => progress.push(p.progress),
        },
      );
      expect(result.structuredContent).toMatchObject({ greeting: [{ name: "Ada" }] });
      expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({
        greeting: [{ name: "Ada" }],
      });
      expect(progress.length).toBeGreaterThan(0);

      const bad = await client.callTool({ name: "greet", arguments: { name: 42 } });
      expect(bad.isError).toBe(true);
      expect(bad.structuredContent).toMatchObject({ error: { field: "name" } });

      const waiting = await client.callTool({ name: "ship", arguments: {} });
      const { runId, status } = waiting.structuredContent as { runId: string; status: string };
      expect(status).toBe("waiting");
      const state = await client.callTool({ name: "workflow_status", arguments: { runId } });
      expect(JSON.stringify(state.structuredContent)).toContain("Ship it?");
      const approved = await client.callTool({
        name: "workflow_approve",
        arguments: { runId, approved: true },
      });
      expect(approved.structuredContent).toMatchObject({ approved: true });

      const second = await client.callTool({ name: "ship", arguments: {} });
      const other = (second.structuredContent as { runId: string }).runId;
      const cancelled = await client.callTool({
        name: "workflow_cancel",
        arguments: { runId: other },
      });
      expect(cancelled.isError).not.toBe(true);
      const after = await client.callTool({ name: "workflow_status", arguments: { runId: other } });
      expect(after.structuredContent).toMatchObject({ status: "cancelled" });
    },
  );
});
