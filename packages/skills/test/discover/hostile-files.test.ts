// Hostile skill files: devices, FIFOs and huge files are named in diagnostics, never read whole.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  MAX_SKILL_FILE_BYTES,
  SkillLibrary,
  defaultSkillSources,
  discoverSkills,
  type SkillDiagnostic,
} from "../../src/index.js";
import { tempDir, writeSkill } from "../_helpers.js";

const unix = process.platform !== "win32";
const codes = (diagnostics: readonly SkillDiagnostic[], file: string) =>
  diagnostics.filter((d) => d.file === file).map((d) => d.code);

/** A source with one good skill and a `bad/SKILL.md` made by `make`. */
function sourceWith(make: (file: string) => void) {
  const root = tempDir();
  writeSkill(root, "good");
  mkdirSync(path.join(root, "bad"));
  const file = path.join(root, "bad", "SKILL.md");
  make(file);
  return { root, file };
}

describe.skipIf(!unix)("discovery reads only regular files, within the cap", () => {
  it("skips a SKILL.md linked to /dev/zero with a diagnostic naming it, with and without an index", () => {
    const { root, file } = sourceWith((f) => symlinkSync("/dev/zero", f));
    const indexFile = path.join(tempDir(), "index.json");
    for (const options of [{}, { indexFile }, { indexFile }]) {
      const found = discoverSkills({ sources: [{ scope: "project", root }], ...options });
      expect(found.skills.map((s) => s.name)).toEqual(["good"]);
      expect(codes(found.diagnostics, file)).toEqual(["UNREADABLE", "SKILL_SKIPPED"]);
      expect(found.diagnostics[0]?.message).toContain("is a device, not a regular file");
    }
  });

  it("skips a FIFO named SKILL.md (a FIFO would block the read)", () => {
    const { root, file } = sourceWith((f) => execFileSync("mkfifo", [f]));
    const found = discoverSkills({ sources: [{ scope: "project", root }] });
    expect(found.skills.map((s) => s.name)).toEqual(["good"]);
    expect(codes(found.diagnostics, file)).toEqual(["UNREADABLE", "SKILL_SKIPPED"]);
    expect(found.diagnostics[0]?.message).toContain("a FIFO");
  });

  it("skips a SKILL.md over the cap, saying how large it is", () => {
    const { root, file } = sourceWith((f) =>
      writeFileSync(f, `---\nname: bad\ndescription: d\n---\n${"x".repeat(MAX_SKILL_FILE_BYTES)}`),
    );
    const found = discoverSkills({ sources: [{ scope: "project", root }] });
    expect(codes(found.diagnostics, file)).toEqual(["UNREADABLE", "SKILL_SKIPPED"]);
    expect(found.diagnostics[0]?.message).toMatch(
      new RegExp(`more than the ${MAX_SKILL_FILE_BYTES} allowed: move detail into reference files`),
    );
  });

  it("names a .gitignore linked to /dev/zero and scans without it", () => {
    const root = tempDir();
    writeSkill(root, "good");
    symlinkSync("/dev/zero", path.join(root, ".gitignore"));
    const found = discoverSkills({ sources: [{ scope: "project", root }] });
    expect(found.skills.map((s) => s.name)).toEqual(["good"]);
    expect(found.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ["UNREADABLE", "warning", path.join(root, ".gitignore")],
    ]);
  });

  it("replaces an index file linked to /dev/zero with a fresh one", () => {
    const root = tempDir();
    writeSkill(root, "good");
    const indexFile = path.join(tempDir(), "index.json");
    symlinkSync("/dev/zero", indexFile);
    const found = discoverSkills({ sources: [{ scope: "project", root }], indexFile });
    expect([found.parsed, found.skills.map((s) => s.name)]).toEqual([1, ["good"]]);
  });

  it("ignores a package whose package.json is linked to /dev/zero", async () => {
    const repo = tempDir();
    mkdirSync(path.join(repo, ".git"));
    const evil = path.join(repo, "node_modules", "evil");
    mkdirSync(evil, { recursive: true });
    symlinkSync("/dev/zero", path.join(evil, "package.json"));
    const good = path.join(repo, "node_modules", "good");
    mkdirSync(good);
    writeFileSync(path.join(good, "package.json"), '{"name": "good", "skills": "skills"}');
    const sources = await defaultSkillSources({ cwd: repo });
    expect(sources.filter((s) => s.scope === "package").map((s) => s.label)).toEqual(["good"]);
  });
});

describe.skipIf(!unix)("activation and resources read only regular files", () => {
  it("refuses a SKILL.md that became a link to /dev/zero after discovery", async () => {
    const root = tempDir();
    const dir = writeSkill(root, "swapped");
    const lib = SkillLibrary.load({ sources: [{ scope: "user", root }] });
    rmSync(path.join(dir, "SKILL.md"));
    symlinkSync("/dev/zero", path.join(dir, "SKILL.md"));
    await expect(lib.activate("swapped")).rejects.toMatchObject({
      name: "SkillFileError",
      code: "NOT_A_FILE",
      file: path.join(dir, "SKILL.md"),
    });
  });

  it("refuses a FIFO and a file over the cap among a skill's resources", async () => {
    const root = tempDir();
    const dir = writeSkill(root, "res");
    execFileSync("mkfifo", [path.join(dir, "pipe.md")]);
    writeFileSync(path.join(dir, "big.md"), "x".repeat(2000));
    const lib = SkillLibrary.load({ sources: [{ scope: "user", root }] });
    await expect(lib.readResource("res", "pipe.md")).rejects.toMatchObject({
      code: "NOT_A_FILE",
    });
    await expect(lib.readResource("res", "big.md", 1000)).rejects.toMatchObject({
      code: "TOO_LARGE",
    });
    expect(await lib.readResource("res", "big.md", 2000)).toHaveLength(2000);
  });
});
