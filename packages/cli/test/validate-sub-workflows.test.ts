// skillflow validate and graph with sub-workflows (§13.5): children resolved as `run` resolves them,
// their errors in their own file, refusals explained, skill names found through discovery.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_SHOWN_SUBWORKFLOWS } from "../src/run/sub-workflow-tree.js";
import { cli, temp } from "./helpers.js";

/** A SKILL.md named `name` whose workflow block is `body` (YAML, already indented by 0). */
const doc = (name: string, body: string): string =>
  `---\nname: ${name}\ndescription: Test skill ${name}.\n---\n\n\`\`\`workflow\n${body}\`\`\`\n`;

/** A child that takes `kind` and ends. */
const CHILD = doc(
  "commits-of-kind",
  `inputs:
  kind: { type: string }
steps:
  - id: finish
    type: exit
    status: success
`,
);

/** A parent calling `ref` from a step `by_kind` with `kind`. */
const caller = (ref: string, name = "parent"): string =>
  doc(
    name,
    `steps:
  - id: by_kind
    type: workflow
    workflow: ${ref}
    inputs:
      kind: { type: string, value: "fix" }
`,
  );

/** A project with skills under `.agents/skills` (discovered as project skills); returns its folder. */
function project(skills: Record<string, string>): string {
  const root = temp("skillflow-compose-cli-");
  for (const [name, content] of Object.entries(skills)) {
    mkdirSync(path.join(root, ".agents", "skills", name), { recursive: true });
    writeFileSync(path.join(root, ".agents", "skills", name, "SKILL.md"), content);
  }
  return root;
}

const file = (name: string) => path.join(".agents", "skills", name, "SKILL.md");

describe("skillflow validate: sub-workflows", () => {
  it("validates a parent with its child by relative path and lists the child", async () => {
    const cwd = project({
      parent: caller("../commits-of-kind/SKILL.md"),
      "commits-of-kind": CHILD,
    });
    const result = await cli(["validate", "--no-tools", file("parent")], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`✓ ${file("parent")}`);
    expect(result.stdout).toContain("  by_kind → ../commits-of-kind/SKILL.md (commits-of-kind)");
    const json = await cli(["validate", "--json", "--no-tools", file("parent")], { cwd });
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        valid: true,
        workflows: [
          {
            step: "by_kind",
            ref: "../commits-of-kind/SKILL.md",
            file: file("commits-of-kind"),
            name: "commits-of-kind",
            workflows: [],
          },
        ],
      }),
    ]);
  });

  it("lists nested sub-workflows as a tree", async () => {
    const cwd = project({
      top: caller("../parent"),
      parent: caller("../commits-of-kind/SKILL.md").replace(
        "steps:",
        "inputs:\n  kind: { type: string }\nsteps:",
      ),
      "commits-of-kind": CHILD,
    });
    const result = await cli(["validate", "--no-tools", file("top")], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n  by_kind → ../parent (parent)\n");
    expect(result.stdout).toContain(
      "\n    by_kind → ../commits-of-kind/SKILL.md (commits-of-kind)\n",
    );
  });

  it("prints an error inside a child with the child's file, line, column and code frame", async () => {
    const broken = CHILD.replace(
      "status: success",
      "status: success\n    condition: $inputs.kinds",
    );
    const cwd = project({ parent: caller("../commits-of-kind"), "commits-of-kind": broken });
    const result = await cli(["validate", "--no-tools", file("parent")], { cwd });
    expect(result.code).toBe(2);
    const line = broken.split("\n").findIndex((l) => l.includes("$inputs.kinds")) + 1;
    const column = broken.split("\n")[line - 1]!.indexOf("$inputs.kinds") + 1;
    expect(result.stderr).toContain(`error ${file("commits-of-kind")}:${line}:`);
    expect(result.stderr).toMatch(new RegExp(`:${line}:\\d+ UNDECLARED_INPUT`));
    expect(result.stderr).toContain(`${line} |     condition: $inputs.kinds`);
    expect(result.stderr).not.toContain('In "');
    expect(column).toBeGreaterThan(0);
    const json = JSON.parse(
      (await cli(["validate", "--json", "--no-tools", file("parent")], { cwd })).stdout,
    );
    expect(json[0].errors[0]).toMatchObject({
      code: "UNDECLARED_INPUT",
      line,
      source: path.join(cwd, file("commits-of-kind")),
    });
  });

  it("says why a reference that leaves the skill library is refused, and how to fix it", async () => {
    const cwd = project({ parent: caller("../../../outside.md") });
    writeFileSync(path.join(cwd, "outside.md"), CHILD);
    const result = await cli(["validate", "--no-tools", file("parent")], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file("parent")}:10:15 WORKFLOW_UNRESOLVED`);
    expect(result.stderr).toContain(
      `../../../outside.md leaves the skill library ${path.join(cwd, ".agents", "skills")}; references resolve inside it, or name a skill`,
    );
  });

  it("explains the neighbours: a missing file, an absolute path, an unknown or non-runnable skill", async () => {
    const notes = "---\nname: notes\ndescription: Just instructions.\n---\n\nRead carefully.\n";
    const cases: [string, string][] = [
      ["../nowhere/SKILL.md", "there is no file"],
      ["/etc/passwd", "is an absolute path"],
      ["nobody-here", "(see skillflow skills list)"],
      ["notes", "has no ```workflow block"],
    ];
    for (const [ref, reason] of cases) {
      const cwd = project({ parent: caller(ref), notes });
      const result = await cli(["validate", "--no-tools", file("parent")], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("WORKFLOW_UNRESOLVED");
      expect(result.stderr).toContain(reason);
    }
  });

  it("finds a skill named in `workflow:` through discovery, as `skillflow skills list` does", async () => {
    const cwd = project({ "commits-of-kind": CHILD });
    const flow = path.join(cwd, "flows");
    mkdirSync(flow);
    writeFileSync(path.join(flow, "flow.md"), caller("commits-of-kind", "flow"));
    const result = await cli(["validate", "--no-tools", "flows/flow.md"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  by_kind → commits-of-kind (${file("commits-of-kind")})`);
  });

  it("finds a skill of a team source from the configuration", async () => {
    const cwd = temp("skillflow-compose-team-");
    mkdirSync(path.join(cwd, "team", "commits-of-kind"), { recursive: true });
    writeFileSync(path.join(cwd, "team", "commits-of-kind", "SKILL.md"), CHILD);
    writeFileSync(
      path.join(cwd, "skillflow.config.json"),
      JSON.stringify({ skills: { sources: [{ path: "team" }] } }),
    );
    writeFileSync(path.join(cwd, "flow.md"), caller("commits-of-kind", "flow"));
    const result = await cli(["validate", "--no-tools", "flow.md"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("by_kind → commits-of-kind (team/commits-of-kind/SKILL.md)");
  });

  it("lists and draws at most MAX_SHOWN_SUBWORKFLOWS of a fan-out tree, and says so", async () => {
    /** A document with 20 `workflow` steps calling `ref` (or one exit step at the bottom). */
    const fan = (name: string, ref: string | undefined): string =>
      doc(
        name,
        `steps:\n${
          ref === undefined
            ? "  - id: end\n    type: exit\n    status: success\n"
            : Array.from(
                { length: 20 },
                (_, i) => `  - id: c${i}\n    type: workflow\n    workflow: ../${ref}\n`,
              ).join("")
        }`,
      );
    const cwd = project({
      a: fan("a", "b"),
      b: fan("b", "c"),
      c: fan("c", "d"),
      d: fan("d", undefined),
    });
    const result = await cli(["validate", "--no-tools", file("a")], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").filter((l) => l.includes(" → "))).toHaveLength(
      MAX_SHOWN_SUBWORKFLOWS,
    );
    expect(result.stdout).toContain(`only the first ${MAX_SHOWN_SUBWORKFLOWS} sub-workflows`);
    const json = JSON.parse(
      (await cli(["validate", "--json", "--no-tools", file("a")], { cwd })).stdout,
    );
    expect(json[0].workflowsTruncated).toBe(true);
    const graph = await cli(["graph", file("a")], { cwd });
    expect(graph.code).toBe(0);
    expect(graph.stdout.split("\n").filter((l) => l.trim().startsWith("subgraph"))).toHaveLength(
      MAX_SHOWN_SUBWORKFLOWS,
    );
    expect(graph.stdout).toContain(`%% only the first ${MAX_SHOWN_SUBWORKFLOWS} sub-workflows`);
  });
});
