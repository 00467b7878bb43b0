// skillflow skills: list, show, validate, catalog, route, activate, enable and disable, through the seam.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

function skill(root: string, rel: string, fields: Record<string, string>, body = "# Do it\n") {
  const dir = path.join(root, rel);
  mkdirSync(dir, { recursive: true });
  const frontmatter = Object.entries({ name: path.basename(rel), ...fields })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  writeFileSync(path.join(dir, "SKILL.md"), `---\n${frontmatter}\n---\n${body}`);
}

/** A repository with project skills, and a home folder with user skills. */
function workspace() {
  const repo = mkdtempSync(path.join(tmpdir(), "skillflow-skills-"));
  const home = mkdtempSync(path.join(tmpdir(), "skillflow-home-"));
  mkdirSync(path.join(repo, ".git"));
  const project = path.join(repo, ".claude", "skills");
  skill(project, "docs/pdf-forms", {
    description: "Fills in PDF forms and checks required fields.",
  });
  skill(
    project,
    "eng/changelog",
    { description: "Writes release notes from git history.", arguments: "[from, to]" },
    "Release notes from $from to $to.\nTags: !`echo $from..$to`\n",
  );
  skill(project, "broken", { description: "Has a bad name", name: "Broken_Name" });
  const user = path.join(home, ".agents", "skills");
  skill(user, "pdf-forms", { description: "The user's own PDF helper." });
  skill(user, "meeting-notes", { description: "Turns a meeting transcript into action items." });
  const env = { HOME: home, SKILLFLOW_CONFIG_HOME: path.join(home, ".config", "skillflow") };
  const run = (argv: string[]) => cli(["skills", ...argv], { cwd: repo, env });
  return { repo, home, env, run };
}

describe("skillflow skills", () => {
  it("lists skills with scope and state, and reports shadowed names and bad files", async () => {
    const { run } = workspace();
    const result = await run(["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME\s+SCOPE\s+STATE\s+RUN\s+DESCRIPTION/);
    expect(result.stdout).toMatch(/pdf-forms\s+project\s+enabled/);
    expect(result.stdout).not.toMatch(/pdf-forms\s+user/);
    expect(result.stdout).toMatch(/meeting-notes\s+user\s+enabled/);
    expect(result.stderr).toContain("DUPLICATE_SKILL");
    expect(result.stderr).toContain("INVALID_NAME");
    const all = JSON.parse((await run(["list", "--all", "--json"])).stdout) as {
      id: string;
      state: string;
    }[];
    // A skill with a bad name is still loaded, as agents do, and its problem reported.
    expect(all.map((s) => [s.id, s.state])).toEqual([
      ["project:Broken_Name", "enabled"],
      ["project:pdf-forms", "enabled"],
      ["project:changelog", "enabled"],
      ["user:meeting-notes", "enabled"],
      ["user:pdf-forms", "shadowed"],
    ]);
  });

  it("shows one skill, by name or scope:name", async () => {
    const { run } = workspace();
    const shown = await run(["show", "user:pdf-forms"]);
    expect(shown.stdout).toContain("The user's own PDF helper.");
    expect(shown.stdout).toMatch(/commands\s+run on activation \(trusted\)/);
    const json = JSON.parse((await run(["show", "changelog", "--json"])).stdout) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ id: "project:changelog", trusted: false, resources: [] });
    const missing = await run(["show", "nope"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("UNKNOWN_SKILL");
  });

  it("validates every skill with located errors, exit 2", async () => {
    const { run } = workspace();
    const result = await run(["validate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.claude\/skills\/broken\/SKILL\.md:2:7 error INVALID_NAME/);
    expect(result.stdout).toContain("5 skills checked, 1 with errors");
  });

  it.skipIf(process.platform === "win32")(
    "names a SKILL.md linked to /dev/zero instead of reading it (list, validate)",
    async () => {
      const { repo, run } = workspace();
      const dir = path.join(repo, ".claude", "skills", "zero");
      mkdirSync(dir);
      symlinkSync("/dev/zero", path.join(dir, "SKILL.md"));
      const listed = await run(["list"]);
      expect(listed.code).toBe(0);
      expect(listed.stderr).toMatch(/zero\/SKILL\.md:1:1 error UNREADABLE .*is a device/);
      const validated = await run(["validate"]);
      expect(validated.code).toBe(2);
      expect(validated.stderr).toMatch(/zero\/SKILL\.md:1:1 error UNREADABLE .*is a device/);
      expect(validated.stdout).toContain("6 skills checked, 2 with errors");
    },
  );

  it("prints the catalog within a token budget and says what was cut", async () => {
    const { run } = workspace();
    const full = await run(["catalog"]);
    expect(full.stdout).toMatch(/^<available_skills>\n<skill>\n<name>/);
    expect(full.stdout).toContain("<name>pdf-forms</name>");
    expect(full.stdout).toContain("<name>meeting-notes</name>");
    const small = await run(["catalog", "--format", "json", "--budget", "60"]);
    expect((JSON.parse(small.stdout) as unknown[]).length).toBeLessThan(3);
    expect(small.stderr).toMatch(/dropped \d+: /);
  });

  it("routes a task to a skill and explains why", async () => {
    const { run } = workspace();
    const result = await run([
      "route",
      "turn",
      "this",
      "meeting",
      "transcript",
      "into",
      "action",
      "items",
    ]);
    expect(result.stdout).toMatch(/^#\s+SKILL\s+SCORE\s+WHY\n1\s+user:meeting-notes/);
    // "No skill" says why (the decision's reason), on one line.
    expect((await run(["route", "book a flight to Lisbon"])).stdout).toMatch(
      /^no skill fits this task: [^\n]+\n$/,
    );
  });

  it("activates with arguments; commands run only for trusted scopes", async () => {
    const { repo, env, run } = workspace();
    const untrusted = await run(["activate", "changelog", "v1", "v2"]);
    expect(untrusted.stdout).toContain(
      "Release notes from v1 to v2.\nTags: [not run: untrusted skill]",
    );
    const dry = await run(["activate", "changelog", "v1", "v2", "--dry-run"]);
    // The command as it would run, arguments named; their values on the lines after it.
    expect(dry.stderr).toContain(
      'not run 7:7 echo "${SKILLFLOW_ARG_0}".."${SKILLFLOW_ARG_1}" (untrusted skill)\n' +
        '  SKILLFLOW_ARG_0="v1"\n  SKILLFLOW_ARG_1="v2"\n',
    );
    // The repository's own config cannot trust its skills: that needs the user's `skillflow trust`.
    writeFileSync(
      path.join(repo, "skillflow.config.json"),
      '{"skills": {"trust": {"project": true}}}',
    );
    const ignored = await run(["activate", "changelog", "v1", "v2"]);
    expect(ignored.stdout).toContain("Tags: [not run: untrusted skill]");
    expect(ignored.stderr).toContain(
      "skillflow: ignored skills.trust.project from skillflow.config.json: this project is not trusted",
    );
    expect((await cli(["trust"], { cwd: repo, env })).code).toBe(0);
    const trusted = await run(["activate", "changelog", "v1", "'v2; touch pwned'"]);
    expect(trusted.stdout).toContain("Tags: v1..v2; touch pwned");
    expect(() =>
      readFileSync(path.join(repo, ".claude", "skills", "eng", "changelog", "pwned")),
    ).toThrow();
  });

  it("refuses to run a command where an argument would be program text, and says where", async () => {
    const { home, run } = workspace();
    // A user-scope skill is the user's own, trusted by default.
    const dir = path.join(home, ".agents", "skills");
    skill(dir, "shout", { description: "Shouts." }, 'Shout: !`sh -c "echo $0"`\n');
    const result = await run(["activate", "shout", "x; touch pwned"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error SKILL_FAILED Command `sh -c "echo \$0"` at line 5, column 8 was not run: argument \$0 at line 5, column 22 /m,
    );
    expect(result.stderr).toContain('"$SKILLFLOW_ARG_0"');
    expect(() => readFileSync(path.join(dir, "shout", "pwned"))).toThrow();
  });

  it("disables and enables a skill in the project's config, keeping YAML comments", async () => {
    const { repo, run } = workspace();
    const config = path.join(repo, "skillflow.config.yaml");
    writeFileSync(config, "# team settings\nskills:\n  ignore: [drafts] # not ready\n");
    expect((await run(["disable", "meeting-notes"])).stderr).toContain(
      `disabled meeting-notes in ${config}`,
    );
    expect(readFileSync(config, "utf8")).toContain("# team settings");
    expect(readFileSync(config, "utf8")).toContain("# not ready");
    const list = JSON.parse((await run(["list", "--json"])).stdout) as {
      name: string;
      state: string;
    }[];
    expect(list.find((s) => s.name === "meeting-notes")?.state).toBe("disabled");
    expect((await run(["catalog"])).stdout).not.toContain("meeting-notes");
    expect((await run(["disable", "meeting-notes"])).stderr).toContain("was already disabled");
    await run(["enable", "meeting-notes"]);
    expect((await run(["catalog"])).stdout).toContain("meeting-notes");
  });

  it("creates skillflow.config.json when the project has none", async () => {
    const { repo, run } = workspace();
    await run(["disable", "project:pdf-forms"]);
    expect(JSON.parse(readFileSync(path.join(repo, "skillflow.config.json"), "utf8"))).toEqual({
      skills: { disabled: ["project:pdf-forms"] },
    });
    // The user's pdf-forms is still there, as user:pdf-forms.
    const list = JSON.parse((await run(["list", "--json"])).stdout) as {
      id: string;
      state: string;
    }[];
    expect(list.map((s) => [s.id, s.state])).toContainEqual(["project:pdf-forms", "disabled"]);
  });
});

describe("skillflow skills --source", () => {
  it("adds a folder of skills for one call, and says where it looked when it finds none", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "skillflow-empty-"));
    mkdirSync(path.join(empty, ".git"));
    const none = await cli(["skills", "list"], { cwd: empty, env: { HOME: empty } });
    expect(none.stdout).toContain(
      `no skills found; looked in\n  ${path.join(empty, ".agents", "skills")}`,
    );
    const library = path.resolve(import.meta.dirname, "../../../examples/skill-library");
    const routed = await cli(
      ["skills", "route", "my pod keeps restarting with CrashLoopBackOff", "--source", library],
      { cwd: empty, env: { HOME: empty } },
    );
    expect(routed.stdout).toMatch(/^#\s+SKILL\s+SCORE\s+WHY\n1\s+team:k8s-pod-debug/);
  });
});

describe("skillflow skills enable --json", () => {
  it("says when the user's configuration still disables the skill", async () => {
    const { repo, home } = workspace();
    const configHome = mkdtempSync(path.join(tmpdir(), "skillflow-confighome-"));
    writeFileSync(
      path.join(configHome, "config.json"),
      '{"skills": {"disabled": ["meeting-notes"]}}',
    );
    const env = { HOME: home, SKILLFLOW_CONFIG_HOME: configHome };
    const result = await cli(["skills", "enable", "meeting-notes", "--json"], { cwd: repo, env });
    expect(JSON.parse(result.stdout)).toMatchObject({
      skill: "meeting-notes",
      disabled: true,
      changed: false,
    });
    expect(result.stderr).toContain("still disabled by the other configuration file");
    const user = await cli(["skills", "enable", "meeting-notes", "--user", "--json"], {
      cwd: repo,
      env,
    });
    expect(JSON.parse(user.stdout)).toMatchObject({ disabled: false, changed: true });
  });
});
