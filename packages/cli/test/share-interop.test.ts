// skillflow skills beside the `skills` CLI, through the seam: left-out skills, edited copies, links.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, git, temp } from "./helpers.js";

function writeSkill(dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: ${name}\ndescription: Does ${path.basename(dir)} things.\n---\n\nSteps.\n`,
  );
}

/** A repository with `bird` and an imposter `bird-co` declaring `name: bird`, and a project. */
function setup() {
  const source = temp("interop-repo-");
  git(source, "init", "--quiet", "--initial-branch=main");
  writeSkill(path.join(source, "skills", "bird"), "bird");
  writeSkill(path.join(source, "skills", "bird-co"), "bird");
  writeSkill(path.join(source, "skills", "fish"), "fish");
  git(source, "add", ".");
  git(source, "commit", "--quiet", "-m", "one");
  const projectDir = temp("interop-project-");
  mkdirSync(path.join(projectDir, ".git"));
  const home = temp("interop-home-");
  const run = (...argv: string[]) =>
    cli(["skills", ...argv], { cwd: projectDir, env: { HOME: home } });
  return { source, projectDir, run };
}

describe("skillflow skills beside the skills CLI", () => {
  it("add --all warns about an imposter, installs the real skill, exits 0", async () => {
    const { source, run } = setup();
    const added = await run("add", `file://${source}`, "--all", "--yes");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^installed bird → /m);
    expect(added.stderr).toContain("warning: left out bird: NAME_MISMATCH");
    const json = JSON.parse((await run("add", `file://${source}`, "--all", "--json")).stdout);
    expect(json.skipped).toMatchObject([{ name: "bird", code: "NAME_MISMATCH" }]);
  });

  it("list shows skills linked into .claude/skills once, without DUPLICATE_SKILL", async () => {
    const { source, run } = setup();
    await run("add", `file://${source}`, "--all", "--yes", "--agent", "claude-code");
    const listed = await run("list");
    expect(listed.code).toBe(0);
    expect(listed.stderr + listed.stdout).not.toContain("DUPLICATE_SKILL");
  });

  it("install stops on an edited copy (exit 1, named) until --force", async () => {
    const { source, projectDir, run } = setup();
    await run("add", `file://${source}`, "--all", "--yes");
    writeFileSync(path.join(projectDir, ".agents/skills/fish/notes.md"), "mine\n");
    const held = await run("install", "--yes");
    expect(held.code).toBe(1);
    expect(held.stderr).toContain("skipped fish: MODIFIED_LOCALLY");
    expect(held.stdout).toBe("");
    expect((await run("install", "--yes", "--force")).code).toBe(0);
  });
});
