// End to end: the real bin, as a process, against the built dist.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, REPO_ROOT } from "./helpers.js";

const BIN = path.join(REPO_ROOT, "packages/cli/bin/skillflow.js");
const DIST = path.join(REPO_ROOT, "packages/cli/dist/main.js");

const skillflow = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: FIXTURES,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });

describe("bin/skillflow.js", () => {
  it("needs the build", () => {
    expect(existsSync(DIST), "packages/cli/dist is missing: run `npm run build` first").toBe(true);
  });

  it("prints the version", () => {
    const result = skillflow("--version");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("validates a broken file with a located error and exit 2", () => {
    const result = skillflow("validate", "broken.md");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("broken.md:12:21 UNDECLARED_INPUT");
  });
});
