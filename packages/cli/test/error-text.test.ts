// A user error's message quotes what a file held: its control characters are shown escaped.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, temp } from "./helpers.js";

describe("user error messages", () => {
  it("escape the control characters of a file they quote (skillflow test --from-record)", async () => {
    const cwd = temp("error-text-");
    mkdirSync(path.join(cwd, "sk"));
    writeFileSync(
      path.join(cwd, "sk", "SKILL.md"),
      "```workflow\nsteps:\n  - id: a\n    type: tool\n    tool: llm\n```\n",
    );
    writeFileSync(path.join(cwd, "rec.json"), '{"a": 1, "b" \u001b]0;PWNED\u0007: 2}');
    const result = await cli(["test", "sk", "--init", "x", "--from-record", "rec.json"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error INVALID_INPUT");
    expect(result.stderr).toContain("\\x1b]0;PWNED\\x07");
    expect(result.stderr).not.toContain("\u001b");
  });
});
