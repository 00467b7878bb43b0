// Discovery of skills linked into agents' folders: a link to the canonical copy is the same skill.
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discoverSkills, type SkillSource } from "../../src/index.js";
import { tempDir, writeSkill } from "../_helpers.js";

/** A project with `.agents/skills/<name>` and `.claude/skills` as sources, in that order. */
function project(): { root: string; sources: SkillSource[] } {
  const root = tempDir();
  mkdirSync(path.join(root, ".agents", "skills"), { recursive: true });
  mkdirSync(path.join(root, ".claude", "skills"), { recursive: true });
  return {
    root,
    sources: [
      { scope: "project", root: path.join(root, ".agents", "skills") },
      { scope: "project", root: path.join(root, ".claude", "skills") },
    ],
  };
}

const codes = (found: ReturnType<typeof discoverSkills>) => found.diagnostics.map((d) => d.code);

describe("skills linked into an agent's folder", () => {
  it("does not warn DUPLICATE_SKILL for a relative link to the canonical copy, and lists it once", () => {
    const { root, sources } = project();
    writeSkill(path.join(root, ".agents", "skills"), "deploy");
    // The layout `skills add` and `skillflow skills add --agent claude-code` make.
    symlinkSync("../../.agents/skills/deploy", path.join(root, ".claude", "skills", "deploy"));
    const found = discoverSkills({ sources });
    expect(codes(found)).not.toContain("DUPLICATE_SKILL");
    expect(found.skills.map((s) => s.id)).toEqual(["project:deploy"]);
  });

  it("treats an absolute link, and a link through a linked folder, as the same skill", () => {
    const { root, sources } = project();
    const canonical = writeSkill(path.join(root, ".agents", "skills"), "deploy");
    symlinkSync(canonical, path.join(root, ".claude", "skills", "deploy"));
    expect(codes(discoverSkills({ sources }))).not.toContain("DUPLICATE_SKILL");
    const other = project();
    const shared = tempDir();
    writeSkill(shared, "deploy");
    symlinkSync(path.join(shared, "deploy"), path.join(other.root, ".agents", "skills", "deploy"));
    symlinkSync(path.join(shared, "deploy"), path.join(other.root, ".claude", "skills", "deploy"));
    expect(codes(discoverSkills({ sources: other.sources }))).not.toContain("DUPLICATE_SKILL");
  });

  it("still warns for a separate copy of the same name (a real duplicate)", () => {
    const { root, sources } = project();
    writeSkill(path.join(root, ".agents", "skills"), "deploy");
    writeSkill(path.join(root, ".claude", "skills"), "deploy");
    const found = discoverSkills({ sources });
    expect(codes(found)).toContain("DUPLICATE_SKILL");
    expect(found.skills.map((s) => s.id)).toEqual(["project:deploy", "project:deploy"]);
  });
});
