// The `skills` CLI's flags and habits in skillflow skills: accepted with the same meaning, or refused with what to type.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeSkillsArgv } from "../src/skills/argv.js";
import { cli } from "./helpers.js";

const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

function writeSkill(dir: string, name: string, description = `Does ${name} things.`) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n`,
  );
}

/** A source folder with three skills, a project (a git root) and a home folder. */
function setup() {
  const source = temp("flags-src-");
  for (const name of ["alpha", "beta", "gamma"]) writeSkill(path.join(source, name), name);
  const project = temp("flags-project-");
  mkdirSync(path.join(project, ".git"));
  const home = temp("flags-home-");
  const run = (argv: string[], env: Record<string, string> = {}) =>
    cli(["skills", ...argv], { cwd: project, env: { HOME: home, ...env } });
  return { source, project, home, run };
}

describe("normalizeSkillsArgv", () => {
  it("turns space-separated -a/-s values into repeated flags, stopping at flags and sources", () => {
    expect(normalizeSkillsArgv(["add", "src", "-a", "claude-code", "cursor", "-y"])).toEqual([
      "add",
      "src",
      "--agent",
      "claude-code",
      "--agent",
      "cursor",
      "-y",
    ]);
    expect(normalizeSkillsArgv(["add", "-s", "a", "b", "owner/repo"])).toEqual([
      "add",
      "--skill",
      "a",
      "--skill",
      "b",
      "owner/repo",
    ]);
    expect(normalizeSkillsArgv(["add", "x", "--agent", "*"])).toEqual(["add", "x", "--agent", "*"]);
    expect(normalizeSkillsArgv(["add", "x", "--", "-a", "b", "c"])).toEqual([
      "add",
      "x",
      "--",
      "-a",
      "b",
      "c",
    ]);
  });
});

describe("skills flags as the skills CLI takes them", () => {
  it("-a with space-separated agents links each one", async () => {
    const { source, project, run } = setup();
    const r = await run(["add", source, "-s", "alpha", "-a", "claude-code", "windsurf", "-y"]);
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(project, ".claude/skills/alpha")).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(project, ".windsurf/skills/alpha")).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(project, ".agents/skills/beta"))).toBe(false);
  });

  it("--agent '*' links every agent of the table", async () => {
    const { source, project, run } = setup();
    const r = await run(["add", source, "--skill", "beta", "--agent", "*", "--json"]);
    expect(r.code).toBe(0);
    const [installed] = JSON.parse(r.stdout).installed;
    const agents = installed.links.map((l: { agent: string }) => l.agent);
    expect(agents).toEqual(expect.arrayContaining(["claude-code", "windsurf", "roo", "codex"]));
    expect(existsSync(path.join(project, ".roo/skills/beta/SKILL.md"))).toBe(true);
  });

  it("-s picks several skills (case-insensitively), -s '*' all, an unknown one is named", async () => {
    const { source, project, run } = setup();
    expect((await run(["add", source, "-s", "ALPHA", "gamma"])).code).toBe(0);
    expect(existsSync(path.join(project, ".agents/skills/alpha"))).toBe(true);
    expect(existsSync(path.join(project, ".agents/skills/gamma"))).toBe(true);
    expect(existsSync(path.join(project, ".agents/skills/beta"))).toBe(false);
    const missing = await run(["add", source, "-s", "delta"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no skill "delta"');
    const other = setup();
    expect((await other.run(["add", other.source, "-s", "*"])).code).toBe(0);
    expect(existsSync(path.join(other.project, ".agents/skills/beta"))).toBe(true);
  });

  it("-l lists a source's skills and installs nothing", async () => {
    const { source, project, run } = setup();
    const r = await run(["add", source, "-l", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((s: { name: string }) => s.name)).toEqual([
      "alpha",
      "beta",
      "gamma",
    ]);
    expect(existsSync(path.join(project, ".agents"))).toBe(false);
    expect(existsSync(path.join(project, "skills-lock.json"))).toBe(false);
  });

  it("--copy copies into agents' folders instead of linking", async () => {
    const { source, project, run } = setup();
    expect((await run(["add", source, "-s", "alpha", "-a", "claude-code", "--copy"])).code).toBe(0);
    const at = path.join(project, ".claude/skills/alpha");
    expect(lstatSync(at).isSymbolicLink()).toBe(false);
    expect(lstatSync(at).isDirectory()).toBe(true);
    // remove still finds the copy (unchanged) and removes it.
    expect((await run(["remove", "alpha"])).code).toBe(0);
    expect(existsSync(at)).toBe(false);
  });

  it("-g -y installs for the user; CLAUDE_CONFIG_DIR and XDG_CONFIG_HOME move agents' folders", async () => {
    const { source, home, run } = setup();
    const claude = temp("flags-claude-");
    const xdg = temp("flags-xdg-");
    const r = await run(["add", source, "-s", "alpha", "-g", "-y", "-a", "claude-code", "goose"], {
      CLAUDE_CONFIG_DIR: claude,
      XDG_CONFIG_HOME: xdg,
    });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(home, ".agents/skills/alpha/SKILL.md"))).toBe(true);
    expect(existsSync(path.join(claude, "skills/alpha/SKILL.md"))).toBe(true);
    expect(existsSync(path.join(xdg, "goose/skills/alpha/SKILL.md"))).toBe(true);
    expect(existsSync(path.join(home, ".claude/skills/alpha"))).toBe(false);
  });

  it("a project's .env does not move agents' folders (only the real environment does)", async () => {
    const { source, project, home, run } = setup();
    const elsewhere = temp("flags-env-");
    writeFileSync(
      path.join(project, ".env"),
      `CLAUDE_CONFIG_DIR=${elsewhere}\nXDG_CONFIG_HOME=${elsewhere}\n`,
    );
    const r = await run(["add", source, "-s", "alpha", "-g", "-a", "claude-code"]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(home, ".claude/skills/alpha/SKILL.md"))).toBe(true);
    expect(existsSync(path.join(elsewhere, "skills"))).toBe(false);
  });

  it("an agent without a user folder is refused with -g, naming it", async () => {
    const { source, run } = setup();
    const r = await run(["add", source, "-s", "alpha", "-g", "-a", "eve"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("eve has no user-level skills folder");
  });

  it("refuses flags where they mean nothing, and skills subcommands skillflow lacks, saying what to type", async () => {
    const { run } = setup();
    for (const [argv, expected] of [
      [["list", "-g"], "skills list shows project and user"],
      [["ls", "-a", "cursor"], "drop -a"],
      [["remove", "x", "-a", "cursor"], "removes the canonical copy and every agent's link"],
      [["remove", "--all"], "name the skills"],
      [["validate", "--copy"], "--copy applies"],
      [["find", "pdf"], "skills.sh"],
      [["experimental_install"], "skillflow skills install"],
      [["use", "x"], "skillflow skills activate"],
    ] as const) {
      const r = await run([...argv]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain("BAD_ARGUMENTS");
      expect(r.stderr).toContain(expected);
    }
  });

  it("-p/--project is the project scope; with -g it is refused", async () => {
    const { source, project, run } = setup();
    expect((await run(["add", source, "-s", "alpha", "-p"])).code).toBe(0);
    expect(existsSync(path.join(project, ".agents/skills/alpha"))).toBe(true);
    expect((await run(["update", "-p"])).code).toBe(0);
    const both = await run(["check", "-p", "-g"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("opposite scopes");
  });

  it("takes skills' aliases: ls, rm, upgrade", async () => {
    const { source, project, run } = setup();
    await run(["add", source, "-s", "alpha"]);
    expect((await run(["ls", "--json"])).code).toBe(0);
    expect((await run(["upgrade"])).code).toBe(0);
    expect((await run(["rm", "alpha"])).code).toBe(0);
    expect(existsSync(path.join(project, ".agents/skills/alpha"))).toBe(false);
  });
});

describe("check and update exit codes", () => {
  it("update exits 0 when all is up to date; check exits 0, then 3 when upstream changed", async () => {
    const { source, run } = setup();
    expect((await run(["add", source, "-s", "alpha", "beta", "gamma"])).code).toBe(0);
    expect((await run(["update"])).code).toBe(0);
    expect((await run(["update", "alpha"])).code).toBe(0);
    expect((await run(["check"])).code).toBe(0);
    writeSkill(path.join(source, "alpha"), "alpha", "Does alpha things, better.");
    const changed = await run(["check"]);
    expect(changed.code).toBe(3);
    expect(changed.stdout).toMatch(/^alpha\s+changed-upstream/m);
    expect((await run(["update"])).code).toBe(0);
    expect((await run(["check"])).code).toBe(0);
    // A new skill upstream is an update too.
    writeSkill(path.join(source, "delta"), "delta");
    expect((await run(["check"])).code).toBe(3);
  });

  it("update of a skill that is not installed still fails (exit 1)", async () => {
    const { source, run } = setup();
    await run(["add", source, "-s", "alpha"]);
    expect((await run(["update", "nope"])).code).toBe(1);
  });
});

describe("skills init", () => {
  it("scaffolds a SKILL.md that passes strict validation, with evals on request", async () => {
    const dir = temp("init-");
    const r = await cli(["skills", "init", "my-skill", "--evals"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "my-skill/SKILL.md"), "utf8")).toMatch(/^name: my-skill$/m);
    expect(
      JSON.parse(readFileSync(path.join(dir, "my-skill/evals/evals.json"), "utf8")),
    ).toMatchObject({ skill_name: "my-skill" });
    const checked = await cli(["skills", "validate", "my-skill", "--strict", "--json"], {
      cwd: dir,
    });
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject([{ valid: true, diagnostics: [] }]);
  });

  it("without a name, writes ./SKILL.md named after the folder", async () => {
    const dir = path.join(temp("init-"), "pdf-forms");
    mkdirSync(dir);
    expect((await cli(["skills", "init"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, "SKILL.md"), "utf8")).toMatch(/^name: pdf-forms$/m);
  });

  it("never overwrites a SKILL.md", async () => {
    const dir = temp("init-");
    writeSkill(path.join(dir, "mine"), "mine", "My own words.");
    const r = await cli(["skills", "init", "mine"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("exists already");
    expect(readFileSync(path.join(dir, "mine/SKILL.md"), "utf8")).toContain("My own words.");
  });

  it("refuses invalid names: capitals, underscores, edge hyphens, over 64 characters", async () => {
    const dir = temp("init-");
    for (const name of ["My-Skill", "my_skill", "-lead", "trail-", "a--b", "a".repeat(65)]) {
      const r = await cli(["skills", "init", "--", name], { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain("not a valid skill name");
    }
    expect((await cli(["skills", "init", "a".repeat(64)], { cwd: dir })).code).toBe(0);
    const badFolder = path.join(temp("init-"), "Bad_Folder");
    mkdirSync(badFolder);
    expect((await cli(["skills", "init"], { cwd: badFolder })).stderr).toContain(
      "this folder's name",
    );
  });
});

describe("validate: what other tools cannot load", () => {
  it("--strict rejects an unquoted `description: Use when: …` with its place and the fix", async () => {
    const dir = temp("colon-");
    writeSkill(path.join(dir, "colon"), "colon", "Use when: the user asks for colons.");
    const strict = await cli(["skills", "validate", "colon", "--strict", "--json"], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(JSON.parse(strict.stdout)[0].diagnostics).toMatchObject([
      { code: "UNQUOTED_COLON", severity: "error", line: 3, column: 14 },
    ]);
    const text = await cli(["skills", "validate", "colon", "--strict"], { cwd: dir });
    expect(text.stderr).toContain("quote it");
    // Default validation still reads it (as agents do), with a warning.
    const lenient = await cli(["skills", "validate", "colon", "--json"], { cwd: dir });
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout)[0].diagnostics).toMatchObject([
      { code: "UNQUOTED_COLON", severity: "warning" },
    ]);
    // Any field, not only description.
    mkdirSync(path.join(dir, "lic"));
    writeFileSync(
      path.join(dir, "lic/SKILL.md"),
      "---\nname: lic\ndescription: Fine.\nlicense: MIT: see LICENSE\n---\n",
    );
    expect((await cli(["skills", "validate", "lic", "--strict"], { cwd: dir })).code).toBe(2);
    // Quoted, it passes strictly.
    writeSkill(path.join(dir, "quoted"), "quoted", '"Use when: the user asks for colons."');
    expect((await cli(["skills", "validate", "quoted", "--strict"], { cwd: dir })).code).toBe(0);
  });

  it("a folder with no SKILL.md is an error naming the folder", async () => {
    const dir = temp("empty-");
    mkdirSync(path.join(dir, "nothing/here"), { recursive: true });
    const r = await cli(["skills", "validate", "nothing"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("FILE_NOT_FOUND");
    expect(r.stderr).toContain("nothing: no SKILL.md");
  });
});
