// skillflow graph: Mermaid structure for steps, branches, loops, guards and exits.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, cli, temp } from "./helpers.js";

/** A SKILL.md named `name` whose workflow block is `body`. */
const doc = (name: string, body: string): string =>
  `---\nname: ${name}\ndescription: Test skill ${name}.\n---\n\n\`\`\`workflow\n${body}\`\`\`\n`;

/** A document whose step `call` (looping over `items` when `each`) runs `ref`, then `after`. */
const caller = (name: string, ref: string, each = false): string =>
  doc(
    name,
    `inputs:
  items: { type: array, default: [] }
steps:
  - id: call
    type: workflow
    workflow: ${ref}
${each ? "    each: $inputs.items\n    concurrency: 2\n" : ""}  - id: after
    type: exit
    status: success
`,
  );

/** Skills in a library folder of a fresh project; returns the project folder. */
function skills(docs: Record<string, string>): string {
  const root = temp("skillflow-graph-");
  for (const [name, content] of Object.entries(docs)) {
    mkdirSync(path.join(root, "skills", name), { recursive: true });
    writeFileSync(path.join(root, "skills", name, "SKILL.md"), content);
  }
  return root;
}

describe("skillflow graph", () => {
  it("draws branches with then/else edges, each loops and exits as terminal nodes", async () => {
    const result = await cli(["graph", "branches.md"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").map((l) => l.trim());
    expect(lines[0]).toBe("flowchart TD");
    expect(lines).toEqual(
      expect.arrayContaining([
        "start --> s_route",
        "s_route -->|then| s_fetch",
        "s_fetch --> s_after",
        "s_route -->|else| s_nothing",
        "s_after --> done",
      ]),
    );
    expect(result.stdout).toMatch(/s_route\{".*conditional/);
    expect(result.stdout).toMatch(/s_fetch\[".*↻ each \$inputs\.urls/);
    expect(result.stdout).toMatch(/s_nothing\(\[".*exit: success/);
    expect(lines).not.toContain("s_nothing --> s_after");
  });

  it("draws guards as dashed edges", async () => {
    const result = await cli(["graph", "examples/repo-activity"], { cwd: REPO_ROOT });
    expect(result.stdout).toContain("s_not_a_repository -.->|guard false| s_per_kind");
    expect(result.stdout).toContain("s_latest --> s_not_a_repository");
  });

  it("exits 2 with located problems for an invalid document or a bad call", async () => {
    const result = await cli(["graph", "broken.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("broken.md:12:21 UNDECLARED_INPUT");
    expect((await cli(["graph"])).code).toBe(2);
  });

  it("draws a workflow step's child as a subgraph, nested children inside it, ids kept apart", async () => {
    const leaf = doc("leaf", "steps:\n  - id: call\n    type: exit\n    status: success\n");
    const cwd = skills({
      top: caller("top", "../middle", true),
      middle: caller("middle", "../leaf/SKILL.md"),
      leaf,
    });
    const result = await cli(["graph", "skills/top"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").map((l) => l.trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'subgraph w1 ["call → ../middle"]',
        "w1_start --> w1_s_call",
        "w1_s_call --> w1_s_after",
        'subgraph w2 ["call → ../leaf/SKILL.md"]',
        "w2_start --> w2_s_call",
        "s_call -.->|calls| w1",
        "w1_s_call -.->|calls| w2",
        "start --> s_call",
        "s_call --> s_after",
      ]),
    );
    expect(result.stdout).toMatch(/s_call\[".*workflow: \.\.\/middle.*↻ each \$inputs\.items/);
    expect(result.stdout).toMatch(/w2_s_call\(\["call<br\/><small>exit: success/);
    // The nested subgraph is inside its parent's: opened after w1, closed before w1's "end".
    const order = lines.filter((l) => l.startsWith("subgraph") || l === "end");
    expect(order).toEqual([
      'subgraph w1 ["call → ../middle"]',
      'subgraph w2 ["call → ../leaf/SKILL.md"]',
      "end",
      "end",
    ]);
    const ids = lines.filter((l) => /^\w+(\[|\(|\{)/.test(l)).map((l) => /^\w+/.exec(l)![0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("reports a child's error in the child's file, and a refused reference with its reason", async () => {
    const cwd = skills({
      top: caller("top", "../broken"),
      broken: doc(
        "broken",
        "steps:\n  - id: x\n    type: exit\n    status: success\n    condition: $inputs.nope\n",
      ),
      escape: caller("escape", "../../outside.md"),
    });
    writeFileSync(path.join(cwd, "outside.md"), "x");
    const broken = await cli(["graph", "skills/top"], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${path.join("skills", "broken", "SKILL.md")}:11:`);
    expect(broken.stderr).toContain("UNDECLARED_INPUT");
    const escape = await cli(["graph", "skills/escape"], { cwd });
    expect(escape.code).toBe(2);
    expect(escape.stderr).toContain("WORKFLOW_UNRESOLVED");
    expect(escape.stderr).toContain(`leaves the skill library ${path.join(cwd, "skills")}`);
  });

  it("draws an approval step as a hexagon with its message", async () => {
    const cwd = skills({
      gate: doc(
        "gate",
        'steps:\n  - id: review\n    type: approval\n    message: "Send the \\"draft\\"?"\n  - id: sent\n    type: exit\n    status: success\n',
      ),
    });
    const result = await cli(["graph", "skills/gate"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(
      's_review{{"review<br/><small>approval</small><br/>Send the #quot;draft#quot;?"}}',
    );
    expect(result.stdout).toContain("s_review --> s_sent");
  });
});
