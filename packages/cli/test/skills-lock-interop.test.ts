// A lockfile the `skills` CLI wrote, through `skillflow skills check | install | update`, its GitHub
// shorthands resolved through SKILLFLOW_GITHUB_URL from the environment (never from a project's .env).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isPrivilegedVariable } from "../src/trust/privileged.js";
import { cli, git, temp } from "./helpers.js";

const LOCK = readFileSync(
  fileURLToPath(
    new URL("../../skills/test/fixtures/skills-cli/github-pinned.json", import.meta.url),
  ),
  "utf8",
);

/** acme/skills as the fixture was written from (v1, then a change to pdf-forms), under a base. */
function githubBase(): string {
  const work = temp("work-");
  git(work, "init", "--quiet", "--initial-branch=main");
  for (const name of ["pdf-forms", "changelog"]) {
    mkdirSync(path.join(work, "skills", name), { recursive: true });
    writeFileSync(
      path.join(work, "skills", name, "SKILL.md"),
      `---\nname: ${name}\ndescription: Does ${name} things for tests.\n---\n\n# Steps\n\n1. Do the thing.\n`,
    );
  }
  git(work, "add", ".");
  git(work, "commit", "--quiet", "-m", "v1");
  git(work, "tag", "v1");
  writeFileSync(path.join(work, "skills/pdf-forms/SKILL.md"), "after v1\n", { flag: "a" });
  git(work, "commit", "--quiet", "-am", "v2");
  const base = temp("gh-");
  mkdirSync(path.join(base, "acme"));
  git(base, "clone", "--quiet", "--bare", work, path.join(base, "acme/skills.git"));
  return base;
}

function project() {
  const projectDir = temp("project-");
  const home = temp("home-");
  writeFileSync(path.join(projectDir, "skills-lock.json"), LOCK);
  const run = (env: Record<string, string>, ...argv: string[]) =>
    cli(["skills", ...argv], { cwd: projectDir, env: { HOME: home, ...env } });
  const lock = () => readFileSync(path.join(projectDir, "skills-lock.json"), "utf8");
  return { projectDir, run, lock };
}

describe("skillflow skills with a skills-written lockfile", () => {
  it("check, install --frozen, install and update honour the pin and leave the lock as it was", async () => {
    const env = { SKILLFLOW_GITHUB_URL: `file://${githubBase()}` };
    const { projectDir, run, lock } = project();
    const frozen = await run(env, "install", "--frozen", "--json");
    expect(frozen.code).toBe(0);
    expect(JSON.parse(frozen.stdout).refused).toEqual([]);
    expect(
      readFileSync(path.join(projectDir, ".agents/skills/pdf-forms/SKILL.md"), "utf8"),
    ).not.toContain("after v1");
    const check = await run(env, "check", "--json");
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject([
      { name: "changelog", status: "up-to-date" },
      { name: "pdf-forms", status: "up-to-date" },
    ]);
    expect((await run(env, "install")).code).toBe(0);
    const update = await run(env, "update", "--json");
    expect(JSON.parse(update.stdout).installed).toEqual([]);
    expect(lock()).toBe(LOCK);
  });

  it("takes the base URL from the environment, never from an untrusted project's .env", async () => {
    expect(isPrivilegedVariable("SKILLFLOW_GITHUB_URL")).toBe(true);
    expect(isPrivilegedVariable("SKILLFLOW_GITLAB_URL")).toBe(true);
    const { projectDir, run } = project();
    writeFileSync(path.join(projectDir, ".env"), `SKILLFLOW_GITHUB_URL=file://${githubBase()}\n`);
    // The environment names an empty folder: the .env's repository is not used.
    const result = await run({ SKILLFLOW_GITHUB_URL: `file://${temp("empty-")}` }, "install");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/skipped changelog: SOURCE_FAILED/);
    expect(result.stderr).toMatch(/skipped pdf-forms: SOURCE_FAILED/);
    expect(result.stderr).not.toContain("    at ");
    // A malformed base is a refusal that names the variable.
    const bad = await run({ SKILLFLOW_GITHUB_URL: "ftp://x" }, "check");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("SKILLFLOW_GITHUB_URL");
  });
});
