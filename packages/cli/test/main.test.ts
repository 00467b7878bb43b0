// Dispatch, help, version and usage errors through the run(argv, io) seam.
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/main.js";
import { cli } from "./helpers.js";

describe("skillflow", () => {
  it("prints the version", async () => {
    const result = await cli(["--version"]);
    expect(result).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints usage with examples for --help, and on stderr with exit 2 when called bare", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("usage: skillflow");
  });

  it.each(["run", "validate", "graph", "tools"])(
    "%s --help shows its usage and examples",
    async (name) => {
      const result = await cli([name, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`usage: skillflow ${name}`);
      expect(result.stdout).toContain("Examples:");
    },
  );

  it("rejects an unknown command with exit 2, a code and the usage", async () => {
    const result = await cli(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error UNKNOWN_COMMAND: /);
    expect(result.stderr).toContain("usage: skillflow");
  });

  it("rejects an unknown top-level or command flag with exit 2", async () => {
    expect((await cli(["--frob"])).code).toBe(2);
    const result = await cli(["validate", "--frob", "x.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error BAD_ARGUMENTS: /);
    expect(result.stderr).toContain("usage: skillflow validate");
  });

  it("reports a missing file as FILE_NOT_FOUND without a stack", async () => {
    const result = await cli(["graph", "nope.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error FILE_NOT_FOUND: nope.md");
    expect(result.stderr).not.toContain("    at ");
  });

  it("shows a stack only for bugs, with exit 1", async () => {
    const result = await cli(["validate", "x.md"], {
      cwd: "\0bad",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("internal error");
  });
});
