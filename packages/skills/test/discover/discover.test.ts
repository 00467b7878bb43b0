// Discovery: scopes and precedence, nested categories, skipped folders, bounds, the index, disabling.
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSkillSources, discoverSkills, type SkillSource } from "../../src/index.js";
import { tempDir, writeSkill } from "../_helpers.js";

const names = (sources: SkillSource[], extra = {}) =>
  discoverSkills({ sources, ...extra }).skills.map((s) => s.id);

describe("defaultSkillSources", () => {
  it("orders project folders up to the repository root, then the user's, teams and packages", async () => {
    const repo = tempDir();
    mkdirSync(path.join(repo, ".git"));
    mkdirSync(path.join(repo, "a", "b"), { recursive: true });
    const pkg = path.join(repo, "node_modules", "@acme", "skills-pack");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      path.join(pkg, "package.json"),
      '{"name": "@acme/skills-pack", "skills": "skills"}',
    );
    mkdirSync(path.join(repo, "node_modules", "plain"));
    writeFileSync(path.join(repo, "node_modules", "plain", "package.json"), '{"name": "plain"}');
    const sources = await defaultSkillSources({
      cwd: path.join(repo, "a", "b"),
      home: "/home/u",
      userConfigDir: "/home/u/.config/skillflow",
      teams: [{ path: "/srv/team-skills", label: "platform", trusted: true }],
    });
    expect(sources.map((s) => [s.scope, s.root])).toEqual([
      ["project", path.join(repo, "a", "b", ".agents", "skills")],
      ["project", path.join(repo, "a", "b", ".claude", "skills")],
      ["project", path.join(repo, "a", ".agents", "skills")],
      ["project", path.join(repo, "a", ".claude", "skills")],
      ["project", path.join(repo, ".agents", "skills")],
      ["project", path.join(repo, ".claude", "skills")],
      ["user", "/home/u/.agents/skills"],
      ["user", "/home/u/.claude/skills"],
      ["user", "/home/u/.config/skillflow/skills"],
      ["team", "/srv/team-skills"],
      ["package", path.join(pkg, "skills")],
    ]);
    expect(sources[9]).toMatchObject({ label: "platform", trusted: true });
    expect(sources[10]).toMatchObject({ label: "@acme/skills-pack" });
  });
});

describe("discoverSkills", () => {
  it("finds nested category folders and skips .git, node_modules and ignored paths", () => {
    const root = tempDir();
    writeSkill(root, "docs/pdf-forms");
    writeSkill(root, "eng/review/code-review");
    writeSkill(root, ".git/hooks-skill");
    writeSkill(root, "node_modules/x/dep-skill");
    writeSkill(root, "drafts/wip");
    writeSkill(root, "archive/old");
    writeFileSync(path.join(root, ".gitignore"), "drafts/\n");
    // A skill folder is a leaf: a SKILL.md inside another skill is one of its resources.
    writeSkill(root, "docs/pdf-forms/examples/inner");
    const sources: SkillSource[] = [{ scope: "team", root }];
    expect(names(sources, { ignore: ["archive"] })).toEqual(["team:pdf-forms", "team:code-review"]);
  });

  it("lets the higher scope win a name, warns with both paths, keeps both reachable", () => {
    const project = tempDir();
    const user = tempDir();
    writeSkill(project, "deploy", { description: "Project deploy." });
    writeSkill(user, "deploy", { description: "User deploy." });
    writeSkill(user, "only-user");
    const found = discoverSkills({
      sources: [
        { scope: "project", root: project },
        { scope: "user", root: user },
      ],
    });
    expect(found.skills.map((s) => [s.id, s.shadowedBy ?? null])).toEqual([
      ["project:deploy", null],
      ["user:deploy", path.join(project, "deploy", "SKILL.md")],
      ["user:only-user", null],
    ]);
    const warning = found.diagnostics.find((d) => d.code === "DUPLICATE_SKILL")!;
    expect(warning.file).toBe(path.join(user, "deploy", "SKILL.md"));
    expect(warning.message).toContain(path.join(project, "deploy", "SKILL.md"));
    expect(warning.message).toContain("user:deploy");
  });

  it("skips a skill without a description with a diagnostic, never silently", () => {
    const root = tempDir();
    writeSkill(root, "good");
    mkdirSync(path.join(root, "bad"));
    writeFileSync(path.join(root, "bad", "SKILL.md"), "---\nname: bad\n---\nbody\n");
    const found = discoverSkills({ sources: [{ scope: "project", root }] });
    expect(found.skills.map((s) => s.name)).toEqual(["good"]);
    expect(found.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["MISSING_DESCRIPTION", path.join(root, "bad", "SKILL.md")],
      ["SKILL_SKIPPED", path.join(root, "bad", "SKILL.md")],
    ]);
  });

  it("stops at the depth and folder bounds and says so", () => {
    const root = tempDir();
    writeSkill(root, "a/b/c/deep");
    writeSkill(root, "shallow");
    const shallow = discoverSkills({ sources: [{ scope: "team", root }], maxDepth: 2 });
    expect(shallow.skills.map((s) => s.name)).toEqual(["shallow"]);
    expect(shallow.diagnostics[0]).toMatchObject({ code: "SCAN_LIMIT" });
    expect(shallow.diagnostics[0]?.message).toContain("maxDepth");
    const few = discoverSkills({ sources: [{ scope: "team", root }], maxFolders: 2 });
    expect(few.diagnostics[0]?.message).toContain("maxFolders");
  });

  it("follows symlinked skill folders", () => {
    const root = tempDir();
    const elsewhere = tempDir();
    writeSkill(elsewhere, "linked");
    symlinkSync(path.join(elsewhere, "linked"), path.join(root, "linked"));
    expect(names([{ scope: "user", root }])).toEqual(["user:linked"]);
  });

  it("marks disabled skills by name or id", () => {
    const root = tempDir();
    writeSkill(root, "a");
    writeSkill(root, "b");
    const found = discoverSkills({ sources: [{ scope: "user", root }], disabled: ["a", "user:b"] });
    expect(found.skills.map((s) => s.disabled)).toEqual([true, true]);
  });

  it("re-reads only changed files when an index is kept", () => {
    const root = tempDir();
    const indexFile = path.join(tempDir(), "cache", "index.json");
    for (const name of ["one", "two", "three"]) writeSkill(root, `cat/${name}`);
    const options = { sources: [{ scope: "team" as const, root }], indexFile };
    expect(discoverSkills(options).parsed).toBe(3);
    expect(discoverSkills(options).parsed).toBe(0);
    // An edit in place (same folder mtime), a new skill, a removed one.
    const file = path.join(root, "cat", "two", "SKILL.md");
    writeFileSync(file, "---\nname: two\ndescription: Changed.\n---\n");
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    writeSkill(root, "cat/four");
    rmSync(path.join(root, "cat", "one"), { recursive: true });
    const third = discoverSkills(options);
    expect(third.parsed).toBe(2);
    expect(third.skills.map((s) => [s.name, s.description])).toEqual([
      ["four", "Does four things."],
      ["three", "Does three things."],
      ["two", "Changed."],
    ]);
    // A corrupt index costs a full scan, nothing more.
    writeFileSync(indexFile, "{not json");
    expect(discoverSkills(options).parsed).toBe(3);
  });
});
