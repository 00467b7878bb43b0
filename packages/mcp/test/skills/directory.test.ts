// resources/directory/read (SEP-2640, directoryRead): direct children of a skill folder, exactly
// the files served, directories as inode/directory, and -32602 for what is not a directory.
import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rpcError, serve, tempDir, writeFile, writeSkill } from "./_fixture.js";

const Any = z.looseObject({});

function fixture() {
  const root = tempDir();
  const pdf = writeSkill(root, "pdf-forms", "name: pdf-forms\ndescription: Fills PDF forms.");
  writeFile(pdf, "references/fields.md", "# Fields\n");
  writeFile(pdf, "references/deep/more.txt", "more");
  writeFile(pdf, "templates/form.odd", "?");
  writeFile(pdf, "evals/evals.json", "{}");
  writeFileSync(path.join(root, "secret.txt"), "secret");
  symlinkSync(path.join(root, "secret.txt"), path.join(pdf, "leak.txt"));
  return root;
}

describe("resources/directory/read", () => {
  it("lists the direct children of the skill folder and of its subfolders", async () => {
    const { client } = await serve(fixture());
    const read = (uri: string) =>
      client.request({ method: "resources/directory/read", params: { uri } }, Any);
    const top = await read("skill://pdf-forms");
    expect(top).toEqual({
      resultType: "complete",
      // No evals/, no link leading out.
      resources: [
        { uri: "skill://pdf-forms/SKILL.md", name: "SKILL.md", mimeType: "text/markdown" },
        { uri: "skill://pdf-forms/references", name: "references", mimeType: "inode/directory" },
        { uri: "skill://pdf-forms/templates", name: "templates", mimeType: "inode/directory" },
      ],
    });
    expect((await read("skill://pdf-forms/references")).resources).toEqual([
      { uri: "skill://pdf-forms/references/deep", name: "deep", mimeType: "inode/directory" },
      {
        uri: "skill://pdf-forms/references/fields.md",
        name: "fields.md",
        mimeType: "text/markdown",
      },
    ]);
    expect((await read("skill://pdf-forms/templates")).resources).toEqual([
      { uri: "skill://pdf-forms/templates/form.odd", name: "form.odd" },
    ]);
  });

  it("refuses with -32602 a file, a missing or unshipped folder and an unknown skill", async () => {
    const { client } = await serve(fixture());
    const read = (params: Record<string, unknown>) =>
      rpcError(client.request({ method: "resources/directory/read", params }, Any));
    for (const uri of [
      "skill://pdf-forms/SKILL.md",
      "skill://pdf-forms/missing",
      "skill://pdf-forms/evals",
      "skill://pdf-forms/references/../..",
      "file:///etc",
    ])
      expect(await read({ uri }), uri).toMatchObject({
        code: -32602,
        data: { reason: "NOT_A_DIRECTORY" },
      });
    expect(await read({ uri: "skill://nope" })).toMatchObject({
      code: -32602,
      data: { reason: "SKILL_NOT_FOUND" },
    });
    expect(await read({})).toMatchObject({ code: -32602, data: { field: "uri" } });
    expect(await read({ uri: "skill://pdf-forms", cursor: "x" })).toMatchObject({
      code: -32602,
      data: { field: "cursor" },
    });
  });
});
