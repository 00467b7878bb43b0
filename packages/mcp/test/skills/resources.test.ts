// skill:// resources through a real client: listing, text and binary reads byte for byte, and
// refusals (-32602 naming what was refused) for everything a skill does not ship.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rpcError, serve, tempDir, writeFile, writeSkill } from "./_fixture.js";

function fixture() {
  const root = tempDir();
  const pdf = writeSkill(root, "pdf-forms", "name: pdf-forms\ndescription: Fills PDF forms.");
  writeFile(pdf, "references/fields.md", "# Fields\n");
  writeFile(pdf, "logo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1]));
  writeFile(pdf, "data.bin", new Uint8Array([0xff, 0xfe, 0x00, 0x80]));
  writeFile(pdf, "bom.txt", "\uFEFFwith a BOM\n");
  writeFile(pdf, "evals/evals.json", '{"answer":"key"}');
  writeFile(pdf, "node_modules/x/index.js", "x");
  writeSkill(root, "other", "name: other\ndescription: Another skill.");
  writeFile(path.join(root, "other"), "private.md", "other's file");
  writeFileSync(path.join(root, "secret.txt"), "secret");
  symlinkSync(path.join(root, "secret.txt"), path.join(pdf, "leak.txt"));
  symlinkSync(path.join(pdf, "evals", "evals.json"), path.join(pdf, "answers.json"));
  mkdirSync(path.join(pdf, "empty"));
  return { root, pdf };
}

describe("skill:// resources", () => {
  it("lists each skill's SKILL.md with its name and description, and a template for the rest", async () => {
    const { client } = await serve(fixture().root);
    const { resources } = await client.listResources();
    expect(resources).toEqual([
      expect.objectContaining({
        uri: "skill://other/SKILL.md",
        name: "other",
        description: "Another skill.",
        mimeType: "text/markdown",
      }),
      expect.objectContaining({
        uri: "skill://pdf-forms/SKILL.md",
        name: "pdf-forms",
        description: "Fills PDF forms.",
        mimeType: "text/markdown",
      }),
    ]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(["skill://{skill}/{+path}"]);
  });

  it("serves text as text and other files as base64, byte for byte", async () => {
    const { root, pdf } = fixture();
    const { client } = await serve(root);
    const read = async (rel: string) =>
      (await client.readResource({ uri: `skill://pdf-forms/${rel}` })).contents[0]!;
    expect(await read("SKILL.md")).toEqual({
      uri: "skill://pdf-forms/SKILL.md",
      mimeType: "text/markdown",
      text: readFileSync(path.join(pdf, "SKILL.md"), "utf8"),
    });
    expect(await read("references/fields.md")).toMatchObject({ text: "# Fields\n" });
    for (const rel of ["logo.png", "data.bin"]) {
      const content = (await read(rel)) as { blob: string; mimeType: string };
      expect(Buffer.from(content.blob, "base64")).toEqual(readFileSync(path.join(pdf, rel)));
    }
    expect((await read("logo.png")).mimeType).toBe("image/png");
    expect((await read("data.bin")).mimeType).toBe("application/octet-stream");
    // The BOM is kept, so the text's bytes are the file's (and match its digest).
    const bom = (await read("bom.txt")) as { text: string };
    expect(Buffer.from(bom.text, "utf8")).toEqual(readFileSync(path.join(pdf, "bom.txt")));
  });

  it("refuses with -32602 what the skill does not ship, naming the URI and the reason", async () => {
    const { root } = fixture();
    writeSkill(root, "off", "name: off\ndescription: Disabled.");
    const { client } = await serve(root, { disabled: ["off"] });
    const refused = async (uri: string, reason: string) => {
      const error = await rpcError(client.readResource({ uri }));
      expect(error, uri).toMatchObject({ code: -32602, data: { reason } });
      expect(error.message, uri).toContain(uri);
    };
    await refused("skill://pdf-forms/../other/private.md", "BAD_URI");
    await refused("skill://pdf-forms/%2E%2E/other/private.md", "BAD_URI");
    await refused("skill://pdf-forms/references/../../secret.txt", "BAD_URI");
    await refused("skill://pdf-forms/%2E%2E%2Fsecret.txt", "OUTSIDE_SKILL");
    await refused("skill://pdf-forms/%2Fetc%2Fpasswd", "OUTSIDE_SKILL");
    await refused("skill://pdf-forms/evals/evals.json", "NOT_SHIPPED");
    await refused("skill://pdf-forms/Evals/evals.json", "NOT_SHIPPED");
    await refused("skill://pdf-forms/node_modules/x/index.js", "NOT_SHIPPED");
    await refused("skill://pdf-forms/leak.txt", "OUTSIDE_SKILL");
    await refused("skill://pdf-forms/answers.json", "NOT_SHIPPED");
    await refused("skill://pdf-forms/missing.md", "NOT_FOUND");
    await refused("skill://pdf-forms/empty", "NOT_A_FILE");
    await refused("skill://nope/SKILL.md", "SKILL_NOT_FOUND");
    await refused("skill://off/SKILL.md", "SKILL_DISABLED");
  });

  it("leaves URIs of other schemes to other areas (resource not found)", async () => {
    const { client } = await serve(fixture().root);
    expect(await rpcError(client.readResource({ uri: "file:///etc/passwd" }))).toMatchObject({
      code: -32002,
    });
  });
});
