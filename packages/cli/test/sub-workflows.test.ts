// The CLI's resolver of `workflow:` references: sibling skills by path, skills by name, nothing outside.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SkillLibrary } from "@skillflow/skills";
import { describe, expect, it } from "vitest";
import { referenceRoot, workflowResolver } from "../src/run/sub-workflows.js";
import { temp } from "./helpers.js";

const DOC = (name: string) =>
  `---\nname: ${name}\ndescription: Test skill ${name}.\n---\n\n\`\`\`workflow\nsteps:\n  - id: a\n    type: exit\n    status: success\n\`\`\`\n`;

function library(): { root: string; lib: string; from: string } {
  const root = temp("skillflow-subwf-");
  const lib = path.join(root, "skills");
  for (const name of ["parent", "child"]) {
    mkdirSync(path.join(lib, name), { recursive: true });
    writeFileSync(path.join(lib, name, "SKILL.md"), DOC(name));
  }
  writeFileSync(path.join(root, "secret.md"), "not a workflow: private");
  return { root, lib, from: path.join(lib, "parent", "SKILL.md") };
}

describe("workflowResolver", () => {
  it("reads a sibling skill by relative path, as a file or as its folder", () => {
    const { lib, from } = library();
    const resolve = workflowResolver(() => undefined);
    for (const ref of ["../child/SKILL.md", "../child", "./../child/SKILL.md"]) {
      const found = resolve(ref, { from });
      expect(found?.source).toBe(path.join(lib, "child", "SKILL.md"));
      expect(found?.content).toContain("name: child");
    }
  });

  it("refuses paths that leave the library: parent folders, absolute paths and links", () => {
    const { root, lib, from } = library();
    symlinkSync(path.join(root, "secret.md"), path.join(lib, "child", "link.md"));
    const resolve = workflowResolver(() => undefined);
    expect(resolve("../../secret.md", { from })).toBeUndefined();
    expect(resolve(path.join(root, "secret.md"), { from })).toBeUndefined();
    expect(resolve("../child/link.md", { from })).toBeUndefined();
    expect(resolve("../missing/SKILL.md", { from })).toBeUndefined();
    expect(resolve("../child/SKILL.md", { from: undefined })).toBeUndefined();
  });

  it("finds a runnable skill by name through discovery, loading the library once", () => {
    const { lib, from } = library();
    let loads = 0;
    const resolve = workflowResolver(() => {
      loads++;
      return SkillLibrary.load({ sources: [{ scope: "team", root: lib }] });
    });
    expect(resolve("child", { from })?.source).toBe(path.join(lib, "child", "SKILL.md"));
    expect(resolve("team:child", { from: undefined })?.content).toContain("name: child");
    expect(resolve("nobody", { from })).toBeUndefined();
    expect(loads).toBe(1);
  });

  it("tells why it refused: outside the library, absolute, missing, unknown or non-runnable skill", () => {
    const { root, lib, from } = library();
    mkdirSync(path.join(lib, "notes"));
    writeFileSync(
      path.join(lib, "notes", "SKILL.md"),
      "---\nname: notes\ndescription: Only instructions.\n---\n\nRead.\n",
    );
    symlinkSync(path.join(root, "secret.md"), path.join(lib, "child", "link.md"));
    const refused: [string, string][] = [];
    const resolve = workflowResolver(
      () => SkillLibrary.load({ sources: [{ scope: "team", root: lib }] }),
      (ref, _from, refusal) => refused.push([ref, refusal.code]),
    );
    for (const ref of ["../../secret.md", "../child/link.md", "/etc/hosts", "../missing/SKILL.md"])
      expect(resolve(ref, { from })).toBeUndefined();
    expect(resolve("./x.md", { from: undefined })).toBeUndefined();
    expect(resolve("nobody", { from })).toBeUndefined();
    expect(resolve("notes", { from })).toBeUndefined();
    expect(resolve("../child", { from })).toBeDefined();
    expect(refused).toEqual([
      ["../../secret.md", "OUTSIDE_LIBRARY"],
      ["../child/link.md", "OUTSIDE_LIBRARY"],
      ["/etc/hosts", "ABSOLUTE_PATH"],
      ["../missing/SKILL.md", "NOT_FOUND"],
      ["./x.md", "NO_SOURCE"],
      ["nobody", "UNKNOWN_SKILL"],
      ["notes", "NOT_RUNNABLE"],
    ]);
  });

  it("confines a SKILL.md to its library folder and a bare file to its own folder", () => {
    expect(referenceRoot("/a/skills/x/SKILL.md")).toBe("/a/skills");
    expect(referenceRoot("/a/flows/daily.yaml")).toBe("/a/flows");
  });
});
