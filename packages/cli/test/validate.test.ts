// skillflow validate: located problems, JSON, exit codes.
import { describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

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
});
