// examples/page-digest end to end: web_fetch + web_scrape against a local site, llm with a schema
// against a local fake of the Anthropic API, through the real tools and runWorkflowSkill.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { runWorkflowSkill } from "@skillflow/workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmTool } from "../../src/llm/tool.js";
import { ToolSet } from "../../src/toolset.js";
import { createWebTools } from "../../src/web/tools.js";
import { FakeServer, KEY, anthropicFake } from "../llm/_fake.js";

const skill = readFileSync(
  fileURLToPath(new URL("../../../../examples/page-digest/SKILL.md", import.meta.url)),
  "utf8",
);
const page = readFileSync(
  fileURLToPath(new URL("./fixtures/release-notes.html", import.meta.url)),
  "utf8",
);

let site: Server;
let origin: string;
let llm: FakeServer;

beforeAll(async () => {
  site = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page),
  );
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  llm = await FakeServer.start();
});

afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
  await llm.close();
});

function tools(): ToolSet {
  return new ToolSet([
    // Tests reach loopback explicitly; by default private addresses are refused.
    ...createWebTools({ network: { allowPrivateNetwork: true } }),
    createLlmTool({ env: anthropicFake.env(llm.url) }),
  ]);
}

describe("examples/page-digest", () => {
  it("fetches, scrapes and digests a page into typed outputs, with usage in the log", async () => {
    const digest = {
      summary:
        "4.2 makes offline editing dependable with paragraph-level merges and faster search.",
      points: [
        "Offline edits merge by paragraph",
        "On-device search index",
        "Legacy .hnx v1 export removed",
      ],
      audience: "Harbor Notes users who edit offline",
    };
    llm.reply(anthropicFake.answer(JSON.stringify(digest), { input: 900, output: 120 }));
    const log = await runWorkflowSkill({
      content: skill,
      inputs: { url: `${origin}/notes/4.2` },
      toolAdapter: tools(),
    });

    expect(log.error).toBeUndefined();
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({
      title: "Harbor Notes 4.2 release notes",
      headings: ["Offline merge", "Faster search", "Breaking changes"],
      links: 2,
      ...digest,
    });
    const prompt = JSON.stringify(llm.received[0]?.body);
    // An array inside a template renders as compact JSON (§4.10).
    expect(prompt).toContain(
      'Sections: [\\"Offline merge\\",\\"Faster search\\",\\"Breaking changes\\"]',
    );
    expect(prompt).toContain("merge engine compares paragraphs");
    expect(log.steps.find((s) => s.id === "digest")?.usage).toMatchObject({
      calls: 1,
      inputTokens: 900,
      outputTokens: 120,
    });
    expect(JSON.stringify(log)).not.toContain(KEY);
  });

  it("repairs a digest of the wrong shape once, then succeeds", async () => {
    llm.reply(
      anthropicFake.answer('{"summary": "ok", "points": "not a list", "audience": "all"}'),
      anthropicFake.answer('{"summary": "ok", "points": ["a"], "audience": "all"}'),
    );
    const before = llm.received.length;
    const log = await runWorkflowSkill({
      content: skill,
      inputs: { url: `${origin}/x` },
      toolAdapter: tools(),
    });
    expect(log.status).toBe("success");
    expect(log.outputs["points"]).toEqual(["a"]);
    expect(JSON.stringify(llm.received[before + 1]?.body)).toContain("/points");
  });

  it("refuses a private address when the host has not allowed it", async () => {
    const strict = new ToolSet([
      ...createWebTools({ network: { allowPrivateNetwork: false } }),
      createLlmTool({ env: anthropicFake.env(llm.url) }),
    ]);
    const log = await runWorkflowSkill({
      content: skill,
      inputs: { url: `${origin}/x` },
      toolAdapter: strict,
    });
    expect(log.status).toBe("failed");
    expect(log.steps[0]?.error).toMatch(/Refusing to connect/);
  });
});
