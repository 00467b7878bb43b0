// Lockfiles written by the `skills` CLI (committed fixtures) through check, install, install --frozen
// and update, GitHub and GitLab shorthands resolved through SKILLFLOW_GITHUB_URL / _GITLAB_URL.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  addSkills,
  checkSkills,
  installFromLock,
  removeSkill,
  updateSkills,
  type InstallOptions,
} from "../../src/index.js";
import { commit, git, repo, temp } from "./_repo.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/skills-cli/", import.meta.url));
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/**
 * The repository the fixtures were written from: `skills/pdf-forms` and `skills/changelog`, tagged
 * v1, then a commit changing pdf-forms. Served as acme/skills under a GitHub and a GitLab base.
 */
function hosts() {
  const work = repo(["pdf-forms", "changelog"]);
  git(work, "tag", "v1");
  writeFileSync(
    path.join(work, "skills/pdf-forms/SKILL.md"),
    `${readFileSync(path.join(work, "skills/pdf-forms/SKILL.md"), "utf8")}after v1\n`,
  );
  commit(work, "v2");
  const base = temp("hosts-");
  for (const host of ["gh", "gl"]) {
    mkdirSync(path.join(base, host, "acme"), { recursive: true });
    git(base, "clone", "--quiet", "--bare", work, path.join(base, host, "acme/skills.git"));
  }
  const env = {
    ...process.env,
    SKILLFLOW_GITHUB_URL: `file://${base}/gh`,
    SKILLFLOW_GITLAB_URL: `file://${base}/gl`,
  };
  return { work, base, env };
}

/** A project holding `lock` as its skills-lock.json. */
function project(lock: string, env: Record<string, string | undefined>) {
  const root = temp("project-");
  writeFileSync(path.join(root, "skills-lock.json"), lock);
  const options: InstallOptions = { cwd: root, scope: { root, global: false }, env };
  const lockText = () => readFileSync(path.join(root, "skills-lock.json"), "utf8");
  const installed = (name: string) =>
    readFileSync(path.join(root, ".agents/skills", name, "SKILL.md"), "utf8");
  return { root, options, lockText, installed };
}

describe("a skills-written lockfile with a pinned and an unpinned GitHub shorthand", () => {
  it("checks the pin (no false change), then restores frozen and plain without churn", async () => {
    const { env } = hosts();
    const { options, lockText, installed } = project(fixture("github-pinned.json"), env);
    // pdf-forms is pinned to v1 by `ref` (its source has no #ref): v1 is what is locked.
    const lines = await checkSkills(options);
    expect(lines.map((l) => [l.name, l.status])).toEqual([
      ["changelog", "up-to-date"],
      ["pdf-forms", "up-to-date"],
    ]);
    const frozen = await installFromLock({ ...options, frozen: true });
    expect(frozen.refused).toEqual([]);
    expect(frozen.installed.map((i) => i.name).sort()).toEqual(["changelog", "pdf-forms"]);
    expect(installed("pdf-forms")).not.toContain("after v1");
    expect(lockText()).toBe(fixture("github-pinned.json"));
    // A plain install keeps the pin too, and rewrites the lockfile byte for byte.
    const plain = await installFromLock(options);
    expect(plain.refused).toEqual([]);
    expect(installed("pdf-forms")).not.toContain("after v1");
    expect(lockText()).toBe(fixture("github-pinned.json"));
    expect((await checkSkills(options)).filter((l) => l.modifiedLocally)).toEqual([]);
  });

  it("update keeps the pin: nothing to do at v1, and follows v1 when the tag moves", async () => {
    const { base, env } = hosts();
    const { options, lockText, installed } = project(fixture("github-pinned.json"), env);
    await installFromLock({ ...options, frozen: true });
    const idle = await updateSkills([], options);
    expect(idle.installed).toEqual([]);
    expect(idle.refused.map((r) => [r.name, r.code])).toEqual([
      ["changelog", "UP_TO_DATE"],
      ["pdf-forms", "UP_TO_DATE"],
    ]);
    expect(lockText()).toBe(fixture("github-pinned.json"));
    // The maintainers move v1 to the newer commit: the pinned skill follows its tag, nothing else.
    const bare = path.join(base, "gh/acme/skills.git");
    git(bare, "tag", "-f", "v1", "main");
    const moved = await updateSkills([], options);
    expect(moved.installed.map((i) => i.name)).toEqual(["pdf-forms"]);
    expect(installed("pdf-forms")).toContain("after v1");
    const entry = JSON.parse(lockText()).skills["pdf-forms"];
    expect(Object.keys(entry)).toEqual([
      "source",
      "ref",
      "sourceType",
      "skillPath",
      "computedHash",
    ]);
    expect(entry).toMatchObject({ source: "acme/skills", ref: "v1", sourceType: "github" });
    expect(entry.computedHash).not.toBe(
      JSON.parse(fixture("github-pinned.json")).skills["pdf-forms"].computedHash,
    );
  });

  it("without the pin's ref the same lock would see a change (the regression)", async () => {
    const { env } = hosts();
    const unpinned = fixture("github-pinned.json").replace('      "ref": "v1",\n', "");
    const { options } = project(unpinned, env);
    const lines = await checkSkills(options);
    expect(lines.find((l) => l.name === "pdf-forms")?.status).toBe("changed-upstream");
    const frozen = await installFromLock({ ...options, frozen: true });
    expect(frozen.refused.map((r) => [r.name, r.code])).toEqual([["pdf-forms", "HASH_MISMATCH"]]);
  });
});

describe("a skills-written lockfile with a GitLab tree URL", () => {
  it("restores through SKILLFLOW_GITLAB_URL, frozen and plain, and checks up to date", async () => {
    const { base, env } = hosts();
    // skills records GitLab sources as their URL: point it at the local host as a team would.
    const lock = fixture("gitlab-tree.json").replaceAll("https://gitlab.com", `file://${base}/gl`);
    const { options, lockText, installed } = project(lock, env);
    expect((await checkSkills(options)).map((l) => l.status)).toEqual(["up-to-date", "up-to-date"]);
    expect((await installFromLock({ ...options, frozen: true })).refused).toEqual([]);
    expect(installed("pdf-forms")).not.toContain("after v1");
    expect((await installFromLock(options)).refused).toEqual([]);
    expect(lockText()).toBe(lock);
    expect((await updateSkills([], options)).installed).toEqual([]);
    expect(lockText()).toBe(lock);
  });
});

describe("rewrites keep what skills wrote", () => {
  it("fields skillflow does not know stay through install and update; remove drops one entry", async () => {
    const { env } = hosts();
    const lock = JSON.parse(fixture("github-pinned.json"));
    lock.skills.changelog.subagents = ["reviewer"];
    const text = `${JSON.stringify(lock, null, 2)}\n`;
    const { options, lockText } = project(text, env);
    expect((await installFromLock(options)).refused).toEqual([]);
    expect(lockText()).toBe(text);
    await updateSkills([], options);
    expect(lockText()).toBe(text);
    await removeSkill("pdf-forms", options);
    delete lock.skills["pdf-forms"];
    // What `skills remove` would write: the same writer, one entry fewer.
    expect(lockText()).toBe(`${JSON.stringify(lock, null, 2)}\n`);
  });
  it("a field named __proto__ or constructor is kept as a field, never as a prototype", async () => {
    const { env } = hosts();
    // Built as text: JSON.parse gives `__proto__` as an own field, as in a lockfile from elsewhere.
    const text = fixture("github-pinned.json").replace(
      '"skillPath": "skills/changelog/SKILL.md",',
      '"skillPath": "skills/changelog/SKILL.md",\n      "__proto__": "kept",\n      "constructor": "x",',
    );
    expect(Object.hasOwn(JSON.parse(text).skills.changelog, "__proto__")).toBe(true);
    const { options, lockText } = project(text, env);
    expect((await installFromLock(options)).refused).toEqual([]);
    expect(lockText()).toBe(text);
    await updateSkills([], options);
    expect(lockText()).toBe(text);
  });
});

describe("entries skillflow leaves alone, and sources that fail", () => {
  it("skips node_modules entries with a warning and restores the rest", async () => {
    const { env } = hosts();
    const { options, lockText } = project(fixture("node-modules.json"), env);
    const result = await installFromLock(options);
    expect(result.refused).toEqual([]);
    expect(result.installed.map((i) => i.name)).toEqual(["changelog"]);
    expect(result.warnings?.map((w) => [w.name, w.code])).toEqual([
      ["lint-rules", "UNSUPPORTED_SOURCE"],
    ]);
    expect(lockText()).toBe(fixture("node-modules.json"));
    expect((await checkSkills(options)).map((l) => [l.name, l.status])).toEqual([
      ["changelog", "up-to-date"],
      ["lint-rules", "skipped"],
      ["pdf-forms", "new-upstream"],
    ]);
    const update = await updateSkills([], options);
    expect(update.warnings?.map((w) => w.code)).toEqual(["UNSUPPORTED_SOURCE"]);
    expect(lockText()).toBe(fixture("node-modules.json"));
  });

  it("reads a lockfile without a skills table as empty", async () => {
    const { env } = hosts();
    const { options } = project('{\n  "version": 1\n}\n', env);
    expect(await checkSkills(options)).toEqual([]);
    expect(await installFromLock({ ...options, frozen: true })).toEqual({
      installed: [],
      refused: [],
    });
  });

  it("one failing source is that entry's failure: the others are checked and restored", async () => {
    const { env } = hosts();
    const lock = JSON.parse(fixture("github-pinned.json"));
    lock.skills["gone"] = { ...lock.skills.changelog, source: "acme/missing" };
    lock.skills["bad-ref"] = { ...lock.skills.changelog, ref: "no-such-tag" };
    lock.skills["option-ref"] = { ...lock.skills.changelog, ref: "--upload-pack=touch /tmp/x" };
    const { options } = project(`${JSON.stringify(lock, null, 2)}\n`, env);
    const lines = await checkSkills(options);
    expect(lines.map((l) => [l.name, l.status])).toEqual([
      ["bad-ref", "failed"],
      ["changelog", "up-to-date"],
      ["gone", "failed"],
      ["option-ref", "failed"],
      ["pdf-forms", "up-to-date"],
    ]);
    expect(lines.find((l) => l.name === "option-ref")?.cause).toBe("INVALID_SOURCE");
    for (const frozen of [false, true]) {
      const result = await installFromLock({ ...options, frozen });
      expect(result.refused.map((r) => [r.name, r.code]).sort()).toEqual([
        ["bad-ref", "SOURCE_FAILED"],
        ["gone", "SOURCE_FAILED"],
        ["option-ref", "SOURCE_FAILED"],
      ]);
      // Frozen stays all or nothing; a plain install restores every source that works.
      expect(result.installed.map((i) => i.name).sort()).toEqual(
        frozen ? [] : ["changelog", "pdf-forms"],
      );
    }
    const update = await updateSkills([], options);
    expect(update.refused.filter((r) => r.code === "SOURCE_FAILED").map((r) => r.name)).toEqual([
      "bad-ref",
      "gone",
      "option-ref",
    ]);
  });
});

describe("add with a shorthand writes the entry skills writes", () => {
  it("owner/repo@skill, github:owner/repo#ref and a tree URL under the GitHub base", async () => {
    const { base, env } = hosts();
    const expected = JSON.parse(fixture("github-pinned.json")).skills;
    const { options, lockText } = project('{\n  "version": 1,\n  "skills": {}\n}\n', env);
    const one = await addSkills("acme/skills@changelog", options);
    expect(one.refused).toEqual([]);
    await addSkills("github:acme/skills#v1@pdf-forms", options);
    const lock = JSON.parse(lockText()).skills;
    for (const name of ["changelog", "pdf-forms"]) {
      const { commit: recorded, ...rest } = lock[name];
      expect([name, rest, Object.keys(rest)]).toEqual([
        name,
        expected[name],
        Object.keys(expected[name]),
      ]);
      expect(recorded).toMatch(/^[0-9a-f]{40}$/);
    }
    // The tree URL form under the base (a GitHub Enterprise URL would read the same way).
    const tree = project('{\n  "version": 1,\n  "skills": {}\n}\n', env);
    const added = await addSkills(
      `file://${base}/gh/acme/skills/tree/v1/skills/pdf-forms`,
      tree.options,
    );
    expect(added.refused).toEqual([]);
    const { commit: _c, ...entry } = JSON.parse(tree.lockText()).skills["pdf-forms"];
    expect(entry).toEqual(expected["pdf-forms"]);
  });

  it("a lockfile's shorthand through an http(s) base still passes the network guard", async () => {
    const { options } = project('{\n  "version": 1,\n  "skills": {}\n}\n', {
      SKILLFLOW_GITHUB_URL: "http://127.0.0.1:9",
    });
    copyFileSync(
      path.join(FIXTURES, "github-pinned.json"),
      path.join(options.cwd, "skills-lock.json"),
    );
    const result = await installFromLock(options);
    expect(result.refused.map((r) => r.code)).toEqual(["SOURCE_FAILED", "SOURCE_FAILED"]);
    expect(result.refused.map((r) => r.cause)).toEqual(["PRIVATE_NETWORK", "PRIVATE_NETWORK"]);
  });
});
