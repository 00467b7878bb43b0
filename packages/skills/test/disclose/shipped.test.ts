// Disclosure serves exactly what `skills pack` ships: one exclusion list, never the evals answer key.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  SkillLibrary,
  isExcludedFromSkill,
  isExcludedPath,
  listResources,
  packFolder,
} from "../../src/index.js";
import { tempDir, writeSkill } from "../_helpers.js";

function write(root: string, rel: string, text = "x\n"): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

/** A skill with an answer key, clutter anywhere, and files that ship (`docs/evals/` is not the root one). */
function skill() {
  const root = tempDir();
  const dir = writeSkill(root, "graded");
  write(dir, "evals/evals.json", '{"skill_name":"graded","evals":[]}');
  write(dir, "evals/files/input.txt");
  write(dir, "references/guide.md", "# Guide\n");
  write(dir, "docs/evals/kept.json", "{}");
  write(dir, "scripts/run.sh");
  chmodSync(path.join(dir, "scripts/run.sh"), 0o755);
  for (const clutter of [
    "node_modules/dep/index.js",
    "scripts/node_modules/x.js",
    "scripts/__pycache__/mod.pyc",
    "scripts/x.pyc",
    ".DS_Store",
    ".git/HEAD",
    ".hg/store",
    "docs/.svn/entries",
  ])
    write(dir, clutter);
  const lib = SkillLibrary.load({ sources: [{ scope: "project", root }] });
  return { dir, lib };
}

describe("what a skill ships", () => {
  it("activation lists exactly the files skills pack ships (SKILL.md apart)", async () => {
    const { dir, lib } = skill();
    const packed = Object.keys(unzipSync(await packFolder(dir))).filter((f) => f !== "SKILL.md");
    const activation = await lib.activate("graded");
    expect(activation.resources).toEqual(packed);
    expect(activation.resources).toEqual([
      "docs/evals/kept.json",
      "references/guide.md",
      "scripts/run.sh",
    ]);
    expect((await listResources(dir)).files).toEqual(packed);
  });

  it("never serves the evals folder or clutter, however the path is spelled", async () => {
    const { lib } = skill();
    for (const file of [
      "evals/evals.json",
      "./evals/evals.json",
      "references/../evals/evals.json",
      "evals/files/input.txt",
      "evals/missing.json",
      "node_modules/dep/index.js",
      "scripts/x.pyc",
      ".git/HEAD",
      "docs/.svn/entries",
    ])
      await expect(lib.readResource("graded", file), file).rejects.toMatchObject({
        code: "NOT_SHIPPED",
      });
    expect(await lib.readResource("graded", "docs/evals/kept.json")).toBe("{}");
    expect(await lib.readResource("graded", "references/guide.md")).toBe("# Guide\n");
  });

  it("refuses a link that leads into evals/, as a file or as a folder", async () => {
    const { dir, lib } = skill();
    symlinkSync(path.join(dir, "evals/evals.json"), path.join(dir, "answers.md"));
    symlinkSync(path.join(dir, "evals"), path.join(dir, "cases"));
    for (const file of ["answers.md", "cases/evals.json"])
      await expect(lib.readResource("graded", file), file).rejects.toMatchObject({
        code: "NOT_SHIPPED",
      });
  });

  it("decides by entry name and place: evals only at the root, clutter anywhere", () => {
    expect(isExcludedFromSkill("evals", true)).toBe(true);
    expect(isExcludedFromSkill("evals", false)).toBe(false);
    expect(isExcludedFromSkill("node_modules", false)).toBe(true);
    expect(isExcludedFromSkill("cache.pyc", false)).toBe(true);
    expect(isExcludedFromSkill("guide.md", true)).toBe(false);
    expect(isExcludedPath("evals/evals.json")).toBe(true);
    expect(isExcludedPath("./evals")).toBe(true);
    expect(isExcludedPath("docs/evals/kept.json")).toBe(false);
    expect(isExcludedPath("a/b/.git/HEAD")).toBe(true);
  });

  it("ignores case, as a case-insensitive disk does: Evals/ is the answer key there", async () => {
    for (const name of ["Evals", "EVALS", "eVaLs"])
      expect(isExcludedFromSkill(name, true)).toBe(true);
    for (const name of ["Node_Modules", ".GIT", ".ds_store", "X.PYC"])
      expect(isExcludedFromSkill(name, false), name).toBe(true);
    expect(isExcludedPath("EVALS/evals.json")).toBe(true);
    expect(isExcludedPath("./Evals/../Evals/evals.json")).toBe(true);
    const root = tempDir();
    const dir = writeSkill(root, "shouty");
    write(dir, "EVALS/evals.json", "{}");
    write(dir, "notes.md");
    const lib = SkillLibrary.load({ sources: [{ scope: "project", root }] });
    expect((await lib.activate("shouty")).resources).toEqual(["notes.md"]);
    await expect(lib.readResource("shouty", "EVALS/evals.json")).rejects.toMatchObject({
      code: "NOT_SHIPPED",
    });
    expect(Object.keys(unzipSync(await packFolder(dir))).sort()).toEqual(["SKILL.md", "notes.md"]);
  });
});
