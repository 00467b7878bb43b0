// `serve --print-token` with a token file it cannot use: a coded refusal naming the file, no stack.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, temp } from "./helpers.js";

const cases: [string, (folder: string) => string][] = [
  [
    "readable by others",
    (f) => (
      writeFileSync(path.join(f, "service-token"), "x".repeat(40)),
      chmodSync(path.join(f, "service-token"), 0o644),
      f
    ),
  ],
  [
    "too short",
    (f) => (writeFileSync(path.join(f, "service-token"), "short\n", { mode: 0o600 }), f),
  ],
  ["a folder", (f) => (mkdirSync(path.join(f, "service-token"), { mode: 0o700 }), f)],
  ["under a file", (f) => (writeFileSync(path.join(f, "file"), ""), path.join(f, "file"))],
];

describe("serve --print-token", () => {
  it.each(cases)("refuses a token file that is %s with INVALID_CONFIG", async (_name, make) => {
    const folder = make(temp("skillflow-token-"));
    const result = await cli(["serve", "--print-token"], {
      env: { SKILLFLOW_CONFIG_HOME: folder },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error INVALID_CONFIG: .*service-token/);
    expect(result.stderr).not.toContain("internal error");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
