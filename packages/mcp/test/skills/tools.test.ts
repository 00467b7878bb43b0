// list_skills, activate_skill and read_skill_file through a real client: valid calls, invalid
// arguments naming the field, and `!` commands run only for trusted skills.
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serve, tempDir, writeFile, writeSkill } from "./_fixture.js";

function fixture() {
  const root = tempDir();
  const marker = path.join(root, "ran.marker");
  const pdf = writeSkill(
    root,
    "pdf-forms",
    "name: pdf-forms\ndescription: Fills PDF forms and checks their fields.\narguments: [file, mode]",
    `Fill $file in $mode mode.\nStamp: !\`touch '${marker}' && echo stamped\`\n`,
  );
  writeFile(pdf, "references/fields.md", "# Fields\n");
  writeFile(pdf, "logo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]));
  writeFile(pdf, "evals/evals.json", '{"answer":"key"}');
  writeFileSync(path.join(root, "secret.txt"), "secret");
  symlinkSync(path.join(root, "secret.txt"), path.join(pdf, "leak.txt"));
  writeSkill(
    root,
    "git-flow",
    "name: git-flow\ndescription: Follows the team's Git branch conventions.",
  );
  writeSkill(root, "deploy", "name: deploy\ndescription: Deploys.\ndisable-model-invocation: true");
  writeSkill(root, "off", "name: off\ndescription: Disabled.");
  return { root, marker };
}

type Structured = Record<string, unknown> & { error?: { code: string; field?: string } };
const structured = (result: unknown) =>
  (result as { structuredContent: Structured }).structuredContent;

describe("skill tools", () => {
  it("lists the three tools with JSON Schemas of their arguments", async () => {
    const { client } = await serve(fixture().root);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["list_skills", "activate_skill", "read_skill_file"]);
    const activate = tools.find((t) => t.name === "activate_skill")!;
    expect(activate.inputSchema).toMatchObject({
      type: "object",
      properties: { name: { type: "string" }, arguments: { type: "string" } },
      required: ["name"],
      additionalProperties: false,
    });
  });

  it("list_skills: name and description of the skills a model may use, ranked by a query", async () => {
    const { root } = fixture();
    const { client } = await serve(root, { disabled: ["off"] });
    const all = structured(await client.callTool({ name: "list_skills", arguments: {} }));
    expect((all.skills as { name: string }[]).map((s) => s.name).sort()).toEqual([
      "git-flow",
      "pdf-forms",
    ]);
    expect(all.skills).toContainEqual({
      name: "pdf-forms",
      description: "Fills PDF forms and checks their fields.",
      uri: "skill://pdf-forms/SKILL.md",
      arguments: ["file", "mode"],
    });
    const ranked = structured(
      await client.callTool({
        name: "list_skills",
        arguments: { query: "git branch conventions" },
      }),
    );
    expect((ranked.skills as { name: string }[])[0]?.name).toBe("git-flow");
    const one = structured(await client.callTool({ name: "list_skills", arguments: { limit: 1 } }));
    expect(one.skills).toHaveLength(1);
  });

  it("invalid arguments are tool errors naming the field", async () => {
    const { client } = await serve(fixture().root);
    const cases: [string, Record<string, unknown>, string][] = [
      ["list_skills", { limit: 0 }, "limit"],
      ["list_skills", { query: 3 }, "query"],
      ["list_skills", { extra: true }, "extra"],
      ["activate_skill", {}, "name"],
      ["activate_skill", { name: 5 }, "name"],
      ["activate_skill", { name: "pdf-forms", arguments: ["a"] }, "arguments"],
      ["read_skill_file", { name: "pdf-forms" }, "path"],
      ["read_skill_file", { name: "", path: "x" }, "name"],
    ];
    for (const [name, args, field] of cases) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(structured(result).error, `${name} ${JSON.stringify(args)}`).toMatchObject({
        code: "INVALID_ARGUMENT",
        field,
      });
    }
  });

  it("activate_skill of an untrusted skill substitutes arguments and withholds its commands", async () => {
    const { root, marker } = fixture();
    const { client } = await serve(root);
    const result = await client.callTool({
      name: "activate_skill",
      arguments: { name: "pdf-forms", arguments: "form.pdf strict" },
    });
    expect(result.isError).toBeFalsy();
    const data = structured(result);
    expect(data.body).toBe(
      "Fill form.pdf in strict mode.\nStamp: [not run: untrusted skill]\n\n\nARGUMENTS: form.pdf strict",
    );
    expect(data).toMatchObject({
      trusted: false,
      commands: { status: "withheld", ran: 0, withheld: 1, reason: "untrusted skill" },
      files: ["logo.png", "references/fields.md"],
    });
    expect((data.commands as { howToAllow: string }).howToAllow).toContain(
      "skills trust pdf-forms",
    );
    expect(existsSync(marker)).toBe(false);
    expect((result.content as { text: string }[])[0]?.text).toBe(data.body);
  });

  it("activate_skill of a trusted skill runs its commands", async () => {
    const { root, marker } = fixture();
    const { client } = await serve(root, { trusted: true });
    const data = structured(
      await client.callTool({
        name: "activate_skill",
        arguments: { name: "pdf-forms", arguments: "a b" },
      }),
    );
    expect(data.body).toBe("Fill a in b mode.\nStamp: stamped\n\n\nARGUMENTS: a b");
    expect(data).toMatchObject({ trusted: true, commands: { status: "ran", ran: 1, withheld: 0 } });
    expect(existsSync(marker)).toBe(true);
  });

  it("activate_skill refuses unknown, disabled and user-only skills, naming the field", async () => {
    const { root } = fixture();
    const { client } = await serve(root, { disabled: ["off"] });
    for (const [name, code] of [
      ["nope", "SKILL_NOT_FOUND"],
      ["off", "SKILL_DISABLED"],
      ["deploy", "MODEL_INVOCATION_DISABLED"],
    ]) {
      const result = await client.callTool({ name: "activate_skill", arguments: { name } });
      expect(result.isError, name).toBe(true);
      expect(structured(result).error, name).toMatchObject({ code, field: "name" });
    }
  });

  it("read_skill_file reads shipped files and refuses the rest, naming the path", async () => {
    const { client } = await serve(fixture().root);
    const read = (p: string) =>
      client.callTool({ name: "read_skill_file", arguments: { name: "pdf-forms", path: p } });
    expect(structured(await read("references/fields.md"))).toMatchObject({
      name: "pdf-forms",
      path: "references/fields.md",
      mimeType: "text/markdown",
      text: "# Fields\n",
    });
    expect(structured(await read("logo.png"))).toMatchObject({
      encoding: "base64",
      blob: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]).toString("base64"),
    });
    for (const [p, code] of [
      ["../secret.txt", "OUTSIDE_SKILL"],
      ["references/../../secret.txt", "OUTSIDE_SKILL"],
      ["/etc/passwd", "OUTSIDE_SKILL"],
      ["leak.txt", "OUTSIDE_SKILL"],
      ["evals/evals.json", "NOT_SHIPPED"],
      ["missing.md", "NOT_FOUND"],
    ]) {
      const result = await read(p!);
      expect(result.isError, p).toBe(true);
      expect(structured(result).error, p).toMatchObject({ code, field: "path" });
    }
    const unknown = await client.callTool({
      name: "read_skill_file",
      arguments: { name: "nope", path: "SKILL.md" },
    });
    expect(structured(unknown).error).toMatchObject({ code: "SKILL_NOT_FOUND", field: "name" });
  });

  it("allowed-tools grants nothing over MCP: same tools, commands still withheld", async () => {
    const root = tempDir();
    const marker = path.join(root, "ran.marker");
    writeSkill(
      root,
      "greedy",
      "name: greedy\ndescription: Asks for everything.\nallowed-tools: Bash(*) Write Read",
      `!\`touch '${marker}'\`\n`,
    );
    const { client } = await serve(root);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["list_skills", "activate_skill", "read_skill_file"]);
    const data = structured(
      await client.callTool({ name: "activate_skill", arguments: { name: "greedy" } }),
    );
    expect(data).toMatchObject({ trusted: false, commands: { status: "withheld" } });
    expect(existsSync(marker)).toBe(false);
  });

  it("serves only the visible skill of a name: a shadowed one is not reached by its scope:name id", async () => {
    const first = tempDir();
    const second = tempDir();
    writeSkill(first, "dup", "name: dup\ndescription: The visible one.", "Visible.\n");
    const hidden = writeSkill(second, "dup", "name: dup\ndescription: Shadowed.", "Shadowed.\n");
    writeFile(hidden, "notes.md", "shadowed notes\n");
    const { client } = await serve(first, {
      library: {
        sources: [
          { scope: "project", root: first },
          { scope: "user", root: second },
        ],
      },
    });
    const activated = await client.callTool({ name: "activate_skill", arguments: { name: "dup" } });
    expect(structured(activated).body).toBe("Visible.\n");
    for (const name of ["user:dup", "project:dup"]) {
      const refused = await client.callTool({ name: "activate_skill", arguments: { name } });
      expect(structured(refused).error).toMatchObject({ code: "SKILL_NOT_FOUND", field: "name" });
      const read = await client.callTool({
        name: "read_skill_file",
        arguments: { name, path: "notes.md" },
      });
      expect(structured(read).error).toMatchObject({ code: "SKILL_NOT_FOUND", field: "name" });
    }
  });
});
