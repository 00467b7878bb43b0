// The README's "Use it from code" snippet is examples/from-code/classify.ts, and it prints what its comments claim.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const EXAMPLE = "examples/from-code/classify.ts";

/** The first ```ts block after the README's "## Use it from code" heading. */
function readmeSnippet(): string {
  const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use it from code"));
  const match = /```ts\n([\s\S]*?)```\n/.exec(section);
  expect(match, "README.md has no ```ts block under ## Use it from code").not.toBeNull();
  return match![1]!;
}

describe("the README's TypeScript snippet", () => {
  it("is the example file, character for character", () => {
    expect(readmeSnippet()).toBe(readFileSync(resolve(ROOT, EXAMPLE), "utf8"));
  });

  it("runs, and prints the events and the outputs its comments announce", () => {
    const env = { ...process.env };
    delete env["NODE_OPTIONS"];
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=@skillflow/source", EXAMPLE],
      { cwd: ROOT, env, encoding: "utf8", timeout: 15_000 },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const lines = child.stdout.trimEnd().split("\n");
    const source = readmeSnippet();
    const claimed = /console\.log\(log\.outputs\); \/\/ (.*)$/m.exec(source)?.[1];
    expect(lines.at(-1)).toBe(claimed);
    expect(claimed).toBe("{ label: 'high' }");
    const events = /console\.log\(event\.type\), \/\/ (.*), \.\.\.$/m.exec(source)?.[1];
    expect(lines.slice(0, 3).join(", ")).toBe(events);
  });
});
