// skillflow validate: located problems, tool names, JSON, exit codes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, cli, trustedEnv } from "./helpers.js";

const withTool = (tool: string) => `---
name: t
description: one tool step
---

\`\`\`workflow
steps:
  - id: call
    type: tool
    tool: ${tool}
\`\`\`
`;

describe("skillflow validate", () => {
  it("prints file:line:column code message with a caret, exit 2", async () => {
    const result = await cli(["validate", "broken.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("broken.md:12:21 UNDECLARED_INPUT");
    expect(result.stderr).toContain("12 |     where: $index < $inputs.limt");
    expect(result.stderr).toMatch(/\n\s+\^\n/);
    expect(result.stderr).toContain("warning broken.md:2:1 INVALID_FRONTMATTER");
  });

  it("accepts valid files and folders, exit 0", async () => {
    const result = await cli(["validate", "echo.md", "branches.md"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ echo.md");
    expect(result.stdout).toContain("✓ branches.md");
  });

  it("prints JSON reports with codes and locations", async () => {
    const result = await cli(["validate", "--json", "echo.md", "broken.md"]);
    expect(result.code).toBe(2);
    const reports = JSON.parse(result.stdout) as {
      file: string;
      valid: boolean;
      errors: { code: string; line: number }[];
    }[];
    expect(reports.map((r) => [r.file, r.valid])).toEqual([
      ["echo.md", true],
      ["broken.md", false],
    ]);
    expect(reports[1]!.errors[0]).toMatchObject({ code: "UNDECLARED_INPUT", line: 12 });
  });

  it("needs at least one file", async () => {
    const result = await cli(["validate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("BAD_ARGUMENTS");
  });

  it("checks tool names against the tools a run here would get", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "skillflow-validate-"));
    writeFileSync(path.join(folder, "typo.md"), withTool("file_raed"));
    writeFileSync(path.join(folder, "shell.md"), withTool("shell"));
    const typo = await cli(["validate", "typo.md"], { cwd: folder });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('typo.md:10:11 UNKNOWN_TOOL Tool "file_raed" is not registered');
    // shell exists only where the configuration allows commands.
    expect((await cli(["validate", "shell.md"], { cwd: folder })).code).toBe(2);
    expect((await cli(["validate", "shell.md", "--no-tools"], { cwd: folder })).code).toBe(0);
    const examples = await cli(["validate", "examples/repo-activity", "examples/triage-issues"], {
      cwd: REPO_ROOT,
      env: await trustedEnv(REPO_ROOT),
    });
    expect(examples.stderr).toBe("");
    expect(examples.code).toBe(0);
  });
});
