// Installs beside the `skills` CLI: its copies, edited copies, imposters, left-out skills, renames.
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  addSkills,
  checkSkills,
  hashSkillFolder,
  installFromLock,
  removeSkill,
  updateSkills,
  type InstallOptions,
} from "../../src/index.js";
import { commit, git, repo, skill, temp, project } from "./_repo.js";

const lockPath = (options: InstallOptions) => path.join(options.cwd, "skills-lock.json");
const read = (file: string) => readFileSync(file, "utf8");

/** Writes `<root>/<rel>/SKILL.md` declaring `name` (as given: quoted, or not) and extra frontmatter. */
function declare(root: string, rel: string, name: string, extra = ""): string {
  const dir = path.join(root, rel);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: ${name}\ndescription: Does ${rel} things for tests.\n${extra}---\n\n# ${rel}\n`,
  );
  return dir;
}

/**
 * What `skills add <folder> -a claude-code` (1.5.18) leaves: a copy in `.claude/skills/<name>`
 * without metadata.json and __pycache__, nothing in `.agents/skills`, and a lock entry of this
 * shape whose computedHash is taken over the source folder (metadata.json included).
 */
async function skillsCopyInstall(source: string, name: string): Promise<InstallOptions> {
  const options = project();
  const from = path.join(source, "skills", name);
  const to = path.join(options.cwd, ".claude", "skills", name);
  cpSync(from, to, {
    recursive: true,
    filter: (file) => !["metadata.json", "__pycache__", ".git"].includes(path.basename(file)),
  });
  const lock = {
    version: 1,
    skills: {
      [name]: { source, sourceType: "local", computedHash: await hashSkillFolder(from) },
    },
  };
  writeFileSync(lockPath(options), `${JSON.stringify(lock, null, 2)}\n`);
  return options;
}

describe("installs made by `skills -a claude-code`", () => {
  it("are not modified locally, also when the source has files skills does not copy", async () => {
    const source = temp("src-");
    skill(source, "skills/plain");
    skill(source, "skills/meta", undefined, {
      "metadata.json": '{"internal": "x"}\n',
      "scripts/__pycache__/run.cpython-312.pyc": "bytecode",
    });
    for (const name of ["plain", "meta"]) {
      const options = await skillsCopyInstall(source, name);
      const line = (await checkSkills(options)).find((l) => l.name === name);
      expect(line).toMatchObject({ name, status: "up-to-date" });
      expect(line?.modifiedLocally).toBeUndefined();
    }
  });

  it("update applies an upstream change without --force and links the agent to the canonical copy", async () => {
    const source = temp("src-");
    skill(source, "skills/plain");
    const options = await skillsCopyInstall(source, "plain");
    writeFileSync(path.join(source, "skills/plain/extra.md"), "new upstream\n");
    const [line] = await checkSkills(options);
    expect(line).toMatchObject({ status: "changed-upstream" });
    expect(line?.modifiedLocally).toBeUndefined();
    const result = await updateSkills([], options);
    expect(result.refused).toEqual([]);
    expect(result.installed.map((s) => s.name)).toEqual(["plain"]);
    const claude = path.join(options.cwd, ".claude/skills/plain");
    // The agent no longer keeps the stale copy: it reads the updated canonical one.
    expect(lstatSync(claude).isSymbolicLink()).toBe(true);
    expect(read(path.join(claude, "extra.md"))).toBe("new upstream\n");
  });

  it("an edited copy in the agent's folder is still modified locally, and kept without --force", async () => {
    const source = temp("src-");
    skill(source, "skills/meta", undefined, { "metadata.json": "{}\n" });
    const options = await skillsCopyInstall(source, "meta");
    writeFileSync(path.join(options.cwd, ".claude/skills/meta/notes.md"), "mine\n");
    writeFileSync(path.join(source, "skills/meta/extra.md"), "new upstream\n");
    const [line] = await checkSkills(options);
    expect(line).toMatchObject({ status: "changed-upstream", modifiedLocally: true });
    const held = await updateSkills([], options);
    expect(held.refused.map((r) => [r.name, r.code])).toEqual([["meta", "MODIFIED_LOCALLY"]]);
    expect(read(path.join(options.cwd, ".claude/skills/meta/notes.md"))).toBe("mine\n");
    // --force overwrites that copy too: the agent reads the updated canonical copy.
    const forced = await updateSkills([], { ...options, force: true });
    expect(forced.installed.map((s) => s.name)).toEqual(["meta"]);
    const claude = path.join(options.cwd, ".claude/skills/meta");
    expect(lstatSync(claude).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(claude, "notes.md"))).toBe(false);
    expect(read(path.join(claude, "extra.md"))).toBe("new upstream\n");
  });
});

describe("skills install keeps local edits", () => {
  for (const frozen of [false, true])
    it(`${frozen ? "install --frozen" : "install"} stops, names every edited skill, writes nothing`, async () => {
      const source = repo(["one", "two", "three"]);
      const options = project({ all: true });
      await addSkills(`file://${source}`, options);
      const lockBefore = read(lockPath(options));
      writeFileSync(path.join(options.cwd, ".agents/skills/one/notes.md"), "mine\n");
      writeFileSync(path.join(options.cwd, ".agents/skills/two/SKILL.md"), "---\nedited\n");
      // A missing copy has nothing to lose: it is what install restores, but not while edits stop it.
      rmSync(path.join(options.cwd, ".agents/skills/three"), { recursive: true });
      const held = await installFromLock({ ...options, frozen });
      expect(held.installed).toEqual([]);
      expect(held.refused.map((r) => [r.name, r.code])).toEqual([
        ["one", "MODIFIED_LOCALLY"],
        ["two", "MODIFIED_LOCALLY"],
      ]);
      expect(held.refused[0]?.reason).toContain("--force");
      expect(read(path.join(options.cwd, ".agents/skills/one/notes.md"))).toBe("mine\n");
      expect(read(path.join(options.cwd, ".agents/skills/two/SKILL.md"))).toBe("---\nedited\n");
      expect(existsSync(path.join(options.cwd, ".agents/skills/three"))).toBe(false);
      expect(read(lockPath(options))).toBe(lockBefore);
      const forced = await installFromLock({ ...options, frozen, force: true });
      expect(forced.refused).toEqual([]);
      expect(forced.installed.map((s) => s.name).sort()).toEqual(["one", "three", "two"]);
      expect(existsSync(path.join(options.cwd, ".agents/skills/one/notes.md"))).toBe(false);
    });

  it("an unedited install restores without --force", async () => {
    const source = repo(["one"]);
    const options = project();
    await addSkills(`file://${source}`, options);
    const again = await installFromLock(options);
    expect(again.refused).toEqual([]);
    expect(again.installed.map((s) => s.name)).toEqual(["one"]);
  });
});

describe("add --all: imposters", () => {
  it("skips a folder whose name disagrees with its skill, with a warning; the real one lands", async () => {
    const source = repo(["bird"]);
    declare(source, "skills/bird-co", "bird");
    // An imposter sorted before the real one must not win either.
    declare(source, "skills/a-bird", "bird");
    commit(source);
    const options = project();
    const result = await addSkills(`file://${source}`, { ...options, all: true });
    expect(result.refused).toEqual([]);
    expect(result.installed.map((s) => [s.name, s.entry.skillPath])).toEqual([
      ["bird", "skills/bird/SKILL.md"],
    ]);
    expect(result.skipped?.map((r) => [r.name, r.code])).toEqual([
      ["bird", "NAME_MISMATCH"],
      ["bird", "NAME_MISMATCH"],
    ]);
    expect(read(path.join(options.cwd, ".agents/skills/bird/SKILL.md"))).toContain(
      "Does bird things",
    );
  });

  it("installs a mismatched folder when asked for by name, preferring the folder that bears it", async () => {
    const only = temp("src-");
    git(only, "init", "--quiet", "--initial-branch=main");
    declare(only, "skills/bird-co", "bird");
    declare(only, "skills/other", "other");
    commit(only);
    const options = project();
    await expect(addSkills(`file://${only}`, { ...options, all: true })).resolves.toMatchObject({
      installed: [{ name: "other" }],
      skipped: [{ name: "bird", code: "NAME_MISMATCH" }],
    });
    const asked = await addSkills(`file://${only}@bird`, options);
    expect(asked.installed.map((s) => [s.name, s.entry.skillPath])).toEqual([
      ["bird", "skills/bird-co/SKILL.md"],
    ]);
    const both = repo(["bird"]);
    declare(both, "skills/a-bird", "bird");
    commit(both);
    const named = await addSkills(`file://${both}@bird`, project());
    expect(named.installed[0]?.entry.skillPath).toBe("skills/bird/SKILL.md");
  });

  it("takes the first of two folders of the same name, and says which it left out", async () => {
    const source = temp("src-");
    git(source, "init", "--quiet", "--initial-branch=main");
    skill(source, "a/tool");
    skill(source, "b/tool");
    commit(source);
    const result = await addSkills(`file://${source}`, { ...project(), all: true });
    expect(result.installed.map((s) => s.entry.skillPath)).toEqual(["a/tool/SKILL.md"]);
    expect(result.skipped?.map((r) => [r.name, r.code])).toEqual([["tool", "DUPLICATE_NAME"]]);
  });

  it("a source whose only skill is at its root is never a mismatch", async () => {
    const source = temp("src-");
    git(source, "init", "--quiet", "--initial-branch=main");
    declare(source, ".", "solo");
    commit(source);
    const result = await addSkills(`file://${source}`, project());
    expect(result.installed.map((s) => s.name)).toEqual(["solo"]);
    expect(result.skipped).toBeUndefined();
  });
});

describe("add: examples, internal skills and the source's own installs are left out unasked", () => {
  function source(): string {
    const dir = repo(["real"]);
    skill(dir, "examples/demo");
    skill(dir, "skills/examples/nested-demo");
    declare(dir, "skills/secret", "secret", "metadata:\n  internal: true\n");
    // The source repository uses `skills` itself: its installed copy and lock entry.
    skill(dir, ".agents/skills/helper");
    skill(dir, ".claude/skills/helper-two");
    writeFileSync(
      path.join(dir, "skills-lock.json"),
      JSON.stringify({
        version: 1,
        skills: { helper: { source: "x/y" }, helper_two: { source: "x/y" } },
      }),
    );
    // A skill of its own in an agent's folder, not from its lockfile, is a skill like any other.
    skill(dir, ".agents/skills/own");
    commit(dir);
    return dir;
  }

  it("skips them with a code each, and check does not offer them as new", async () => {
    const dir = source();
    const options = project({ all: true });
    const result = await addSkills(`file://${dir}`, options);
    expect(result.installed.map((s) => s.name).sort()).toEqual(["own", "real"]);
    expect(result.skipped?.map((r) => [r.name, r.code]).sort()).toEqual([
      ["demo", "EXAMPLE"],
      ["helper", "INSTALLED_COPY"],
      ["helper-two", "INSTALLED_COPY"],
      ["nested-demo", "EXAMPLE"],
      ["secret", "INTERNAL"],
    ]);
    expect((await checkSkills(options)).map((l) => [l.name, l.status])).toEqual([
      ["own", "up-to-date"],
      ["real", "up-to-date"],
    ]);
  });

  it("installs each when asked for by name, and internal ones with INSTALL_INTERNAL_SKILLS=1", async () => {
    const dir = source();
    for (const name of ["demo", "secret", "helper"]) {
      const result = await addSkills(`file://${dir}@${name}`, project());
      expect(result.installed.map((s) => s.name)).toEqual([name]);
    }
    const env = { INSTALL_INTERNAL_SKILLS: "1" };
    const all = await addSkills(`file://${dir}`, { ...project(), all: true, env });
    expect(all.installed.map((s) => s.name).sort()).toEqual(["own", "real", "secret"]);
  });

  it("a source of examples only says how to ask for one", async () => {
    const dir = temp("src-");
    git(dir, "init", "--quiet", "--initial-branch=main");
    skill(dir, "examples/demo");
    commit(dir);
    await expect(addSkills(`file://${dir}`, project())).rejects.toMatchObject({
      code: "SELECTION",
      message: expect.stringContaining("@demo"),
    });
  });
});

describe("renaming on install", () => {
  it("a quoted name installed from a folder of another name checks up to date", async () => {
    const dir = temp("src-");
    git(dir, "init", "--quiet", "--initial-branch=main");
    declare(dir, "skills/bird-co", '"bird"');
    commit(dir);
    const options = project();
    await addSkills(`file://${dir}@bird`, options);
    expect((await checkSkills(options)).map((l) => [l.status, l.modifiedLocally])).toEqual([
      ["up-to-date", undefined],
    ]);
  });

  it("--name stays up to date after add and after update, quoted or not", async () => {
    for (const quoted of ['"bird"', "'bird'", "bird"]) {
      const dir = temp("src-");
      git(dir, "init", "--quiet", "--initial-branch=main");
      declare(dir, "skills/bird", quoted);
      commit(dir);
      const options = project({ name: "crow" });
      await addSkills(`file://${dir}`, options);
      expect(read(path.join(options.cwd, ".agents/skills/crow/SKILL.md"))).toContain("name: crow");
      expect((await checkSkills(options)).map((l) => [l.name, l.status])).toEqual([
        ["crow", "up-to-date"],
      ]);
      writeFileSync(path.join(dir, "skills/bird/extra.md"), "more\n");
      commit(dir);
      const { name: _, ...plain } = options;
      expect((await updateSkills([], plain)).installed.map((s) => s.name)).toEqual(["crow"]);
      expect((await checkSkills(plain)).map((l) => [l.status, l.modifiedLocally])).toEqual([
        ["up-to-date", undefined],
      ]);
    }
  });
});

describe("agents that share a project folder", () => {
  // trae and trae-cn both read .trae/skills; qoder and qoder-cn .qoder/skills (the skills CLI's table).
  it.each([false, true])(
    "copy %s: the second agent reads what the first placed, no clash",
    async (copy) => {
      const source = repo(["pdf-forms"]);
      const options = project({ agents: ["trae", "trae-cn", "qoder", "qoder-cn"], copy });
      const result = await addSkills(source, options);
      expect(result.refused).toEqual([]);
      const [installed] = result.installed;
      expect(installed?.links.map((l) => [l.agent, l.kind])).toEqual([
        ["trae", copy ? "copy" : "symlink"],
        ["trae-cn", copy ? "copy" : "symlink"],
        ["qoder", copy ? "copy" : "symlink"],
        ["qoder-cn", copy ? "copy" : "symlink"],
      ]);
      // Installing again (as update or install would) finds its own placements, not clashes.
      const again = await addSkills(source, options);
      expect(again.installed[0]?.links.map((l) => l.agent)).toEqual([
        "trae",
        "trae-cn",
        "qoder",
        "qoder-cn",
      ]);
    },
  );

  it("a folder holding another skill is named with the agent, for each agent that reads it", async () => {
    const source = repo(["pdf-forms"]);
    const options = project({ agents: ["claude-code", "trae", "trae-cn"], copy: true });
    declare(options.cwd, ".trae/skills/pdf-forms", "pdf-forms", "metadata:\n  mine: yes\n");
    const result = await addSkills(source, options);
    expect(result.installed[0]?.links.map((l) => [l.agent, l.kind])).toEqual([
      ["claude-code", "copy"],
      ["trae", "clash"],
      ["trae-cn", "clash"],
    ]);
    expect(read(path.join(options.cwd, ".trae/skills/pdf-forms/SKILL.md"))).toContain("mine: yes");
  });
});

describe("a project's skills and agent folders are links leading outside it", () => {
  it.each([
    [".agents", []],
    [".agents/skills", []],
    [".claude", ["claude-code"]],
    [".claude/skills", ["claude-code"]],
  ])(
    "%s as a link outside: add and install refuse, nothing is written there",
    async (link, agents) => {
      const source = repo(["pdf-forms"]);
      const outside = temp("outside-");
      const options = project({ agents });
      mkdirSync(path.dirname(path.join(options.cwd, link)), { recursive: true });
      symlinkSync(outside, path.join(options.cwd, link), "dir");
      await expect(addSkills(source, options)).rejects.toMatchObject({ code: "OUTSIDE_PROJECT" });
      const lock = {
        version: 1,
        skills: { "pdf-forms": { source, sourceType: "local", computedHash: "0" } },
      };
      writeFileSync(lockPath(options), `${JSON.stringify(lock, null, 2)}\n`);
      await expect(installFromLock(options)).rejects.toMatchObject({ code: "OUTSIDE_PROJECT" });
      expect(readdirSync(outside)).toEqual([]);
    },
  );

  it("remove deletes nothing through such a link", async () => {
    const source = repo(["pdf-forms"]);
    const options = project({ agents: ["claude-code"] });
    expect((await addSkills(source, options)).refused).toEqual([]);
    // The repository is changed to link its folders elsewhere, holding folders of the same names.
    for (const link of [".agents", ".claude"]) {
      const outside = temp("outside-");
      cpSync(path.join(options.cwd, link), outside, { recursive: true, verbatimSymlinks: true });
      rmSync(path.join(options.cwd, link), { recursive: true });
      symlinkSync(outside, path.join(options.cwd, link), "dir");
    }
    await expect(removeSkill("pdf-forms", options)).rejects.toMatchObject({
      code: "OUTSIDE_PROJECT",
    });
    expect(existsSync(path.join(options.cwd, ".agents/skills/pdf-forms/SKILL.md"))).toBe(true);
    expect(lstatSync(path.join(options.cwd, ".claude/skills/pdf-forms")).isSymbolicLink()).toBe(
      true,
    );
  });

  it("a link that stays inside the project is fine, and -g may follow links", async () => {
    const source = repo(["pdf-forms"]);
    const options = project();
    mkdirSync(path.join(options.cwd, "vendor/agents"), { recursive: true });
    symlinkSync("vendor/agents", path.join(options.cwd, ".agents"), "dir");
    expect((await addSkills(source, options)).refused).toEqual([]);
    const home = temp("home-");
    const elsewhere = temp("dotfiles-");
    symlinkSync(elsewhere, path.join(home, ".agents"), "dir");
    const global = await addSkills(source, { cwd: home, scope: { root: home, global: true } });
    expect(global.refused).toEqual([]);
    expect(existsSync(path.join(elsewhere, "skills/pdf-forms/SKILL.md"))).toBe(true);
  });
});
