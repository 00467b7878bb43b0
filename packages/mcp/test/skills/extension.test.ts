// SEP-2640 through a real client: the capability, skills/list and skills/get shapes with digests
// recomputed here from the files, pagination, limits and -32602 refusals.
import { statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_SKILL_RESOURCES, OMITTED_META_KEY, SKILLS_PAGE_SIZE } from "../../src/index.js";
import { digestOf, rpcError, serve, tempDir, writeFile, writeSkill } from "./_fixture.js";

const Any = z.looseObject({});

function fixture() {
  const root = tempDir();
  const pdf = writeSkill(
    root,
    "docs/pdf-forms",
    [
      "name: pdf-forms",
      "description: Fills PDF forms.",
      "allowed-tools: Bash(rm:*) Read",
      "metadata:",
      "  version: '2.1'",
      "  owner: docs",
      "user-invocable: true",
    ].join("\n"),
  );
  writeFile(pdf, "references/fields.md", "# Fields\n");
  writeFile(pdf, "logo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1]));
  writeFile(pdf, "evals/evals.json", '{"answer":"key"}');
  writeFileSync(path.join(root, "secret.txt"), "secret");
  symlinkSync(path.join(root, "secret.txt"), path.join(pdf, "leak.txt"));
  writeSkill(root, "git-flow", "name: git-flow\ndescription: Follows the team's Git conventions.");
  return { root, pdf };
}

describe("skills extension", () => {
  it("declares io.modelcontextprotocol/skills with resources", async () => {
    const { client } = await serve(fixture().root);
    expect(client.getServerCapabilities()).toMatchObject({
      resources: {},
      extensions: { "io.modelcontextprotocol/skills": { directoryRead: true } },
    });
  });

  it("skills/list: uri, verbatim frontmatter and every shipped file with its digest and size", async () => {
    const { root, pdf } = fixture();
    const { client } = await serve(root);
    const result = await client.request({ method: "skills/list", params: {} }, Any);
    expect(result).toMatchObject({ resultType: "complete", ttlMs: 60_000, cacheScope: "private" });
    expect(result.nextCursor).toBeUndefined();
    const file = (rel: string) => path.join(pdf, rel);
    const entry = (rel: string) => ({
      uri: `skill://pdf-forms/${rel}`,
      digest: digestOf(file(rel)),
      size: statSync(file(rel)).size,
    });
    expect(result.skills).toEqual([
      {
        uri: "skill://pdf-forms/SKILL.md",
        frontmatter: {
          name: "pdf-forms",
          description: "Fills PDF forms.",
          "allowed-tools": "Bash(rm:*) Read",
          metadata: { version: "2.1", owner: "docs" },
          "user-invocable": true,
        },
        // No evals/, and no link leading out of the skill.
        resources: [entry("SKILL.md"), entry("logo.png"), entry("references/fields.md")],
      },
      {
        uri: "skill://git-flow/SKILL.md",
        frontmatter: { name: "git-flow", description: "Follows the team's Git conventions." },
        resources: [
          {
            uri: "skill://git-flow/SKILL.md",
            digest: digestOf(path.join(root, "git-flow", "SKILL.md")),
            size: statSync(path.join(root, "git-flow", "SKILL.md")).size,
          },
        ],
      },
    ]);
  });

  it("skills/get answers a served skill like its skills/list entry", async () => {
    const { root } = fixture();
    const { client } = await serve(root);
    const list = await client.request({ method: "skills/list", params: {} }, Any);
    const got = await client.request(
      { method: "skills/get", params: { uri: "skill://pdf-forms/SKILL.md" } },
      Any,
    );
    expect(got).toMatchObject({ resultType: "complete", ttlMs: 60_000, cacheScope: "private" });
    expect(got.skill).toEqual((list.skills as { uri: string }[])[0]);
  });

  it("skills/get refuses with -32602 what is not a served skill, saying why", async () => {
    const { root } = fixture();
    writeSkill(root, "off", "name: off\ndescription: Disabled in config.");
    const { client } = await serve(root, { disabled: ["off"] });
    const get = (params: Record<string, unknown>) =>
      rpcError(client.request({ method: "skills/get", params }, Any));
    const unknown = await get({ uri: "skill://nope/SKILL.md" });
    expect(unknown).toMatchObject({ code: -32602, data: { reason: "SKILL_NOT_FOUND" } });
    expect(unknown.message).toContain("skill://nope/SKILL.md");
    expect(await get({ uri: "skill://off/SKILL.md" })).toMatchObject({
      code: -32602,
      data: { uri: "skill://off/SKILL.md", reason: "SKILL_DISABLED" },
    });
    for (const uri of [
      "skill://pdf-forms/references/fields.md",
      "skill://pdf-forms",
      "file:///x/SKILL.md",
    ])
      expect(await get({ uri })).toMatchObject({
        code: -32602,
        data: { reason: "NOT_A_SKILL_URI" },
      });
    expect(await get({})).toMatchObject({ code: -32602, data: { field: "uri" } });
    expect(await get({ uri: 7 })).toMatchObject({ code: -32602, data: { field: "uri" } });
  });

  it("pages skills/list with nextCursor, each skill whole, and refuses a foreign cursor", async () => {
    const root = tempDir();
    const names = Array.from(
      { length: SKILLS_PAGE_SIZE + 3 },
      (_, i) => `s${String(i).padStart(3, "0")}`,
    );
    for (const name of names) writeSkill(root, name, `name: ${name}\ndescription: Skill ${name}.`);
    const { client } = await serve(root);
    const first = await client.request({ method: "skills/list", params: {} }, Any);
    expect(first.skills).toHaveLength(SKILLS_PAGE_SIZE);
    expect(typeof first.nextCursor).toBe("string");
    const second = await client.request(
      { method: "skills/list", params: { cursor: first.nextCursor } },
      Any,
    );
    expect(second.nextCursor).toBeUndefined();
    const seen = [...(first.skills as unknown[]), ...(second.skills as unknown[])].map(
      (s) => (s as { frontmatter: { name: string } }).frontmatter.name,
    );
    expect(seen.sort()).toEqual(names);
    expect(
      await rpcError(client.request({ method: "skills/list", params: { cursor: "bogus" } }, Any)),
    ).toMatchObject({ code: -32602, data: { field: "cursor" } });
  });

  it("does not serve a skill over 512 files or 16 MiB, and says so", async () => {
    const root = tempDir();
    const many = writeSkill(root, "many", "name: many\ndescription: Too many files.");
    for (let i = 0; i < MAX_SKILL_RESOURCES; i++) writeFile(many, `f/${i}.txt`, "x");
    const big = writeSkill(root, "big", "name: big\ndescription: Too many bytes.");
    writeFile(big, "blob.bin", new Uint8Array(16 * 1024 * 1024));
    const fits = writeSkill(root, "fits", "name: fits\ndescription: Just fits.");
    for (let i = 0; i < MAX_SKILL_RESOURCES - 1; i++) writeFile(fits, `f/${i}.txt`, "x");
    const { client, omitted } = await serve(root);
    const list = await client.request({ method: "skills/list", params: {} }, Any);
    const served = list.skills as { frontmatter: { name: string }; resources: unknown[] }[];
    expect(served.map((s) => [s.frontmatter.name, s.resources.length])).toEqual([
      ["fits", MAX_SKILL_RESOURCES],
    ]);
    const meta = (list._meta as Record<string, { name: string; code: string }[]>)[OMITTED_META_KEY];
    expect(meta?.map((o) => [o.name, o.code]).sort()).toEqual([
      ["big", "TOO_LARGE"],
      ["many", "TOO_MANY_FILES"],
    ]);
    expect(omitted.map((o) => o.code).sort()).toEqual(["TOO_LARGE", "TOO_MANY_FILES"]);
    expect(
      await rpcError(
        client.request({ method: "skills/get", params: { uri: "skill://big/SKILL.md" } }, Any),
      ),
    ).toMatchObject({ code: -32602, data: { reason: "TOO_LARGE" } });
    expect(await rpcError(client.readResource({ uri: "skill://many/SKILL.md" }))).toMatchObject({
      code: -32602,
      data: { reason: "TOO_MANY_FILES" },
    });
    // Reported once per skill, not at every request.
    await client.request({ method: "skills/list", params: {} }, Any);
    expect(omitted).toHaveLength(2);
  });

  it("reads the skills per request: a skill added or edited while serving shows at once", async () => {
    const { root, pdf } = fixture();
    const { client } = await serve(root);
    await client.request({ method: "skills/list", params: {} }, Any);
    writeSkill(root, "late", "name: late\ndescription: Added later.");
    writeFile(pdf, "references/fields.md", "# Fields, edited and longer\n");
    const list = await client.request({ method: "skills/list", params: {} }, Any);
    const skills = list.skills as { uri: string; resources: { uri: string; digest: string }[] }[];
    expect(skills.map((s) => s.uri)).toContain("skill://late/SKILL.md");
    const fields = skills
      .flatMap((s) => s.resources)
      .find((r) => r.uri === "skill://pdf-forms/references/fields.md");
    expect(fields?.digest).toBe(digestOf(path.join(pdf, "references/fields.md")));
  });
});
