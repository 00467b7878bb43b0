// readResourceBytes: a skill file's exact bytes (binary ones too), with readResource's refusals.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SkillResourceError, readResource, readResourceBytes } from "../../src/index.js";
import { tempDir } from "../_helpers.js";

function skill() {
  const root = tempDir();
  const dir = path.join(root, "s");
  mkdirSync(path.join(dir, "evals"), { recursive: true });
  writeFileSync(path.join(dir, "SKILL.md"), "---\nname: s\ndescription: d\n---\n");
  writeFileSync(path.join(dir, "data.bin"), Buffer.from([0xff, 0xfe, 0, 0x80]));
  writeFileSync(path.join(dir, "evals", "evals.json"), "{}");
  writeFileSync(path.join(root, "secret"), "x");
  symlinkSync(path.join(root, "secret"), path.join(dir, "leak"));
  return dir;
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "read",
    (e: unknown) => (e instanceof SkillResourceError ? e.code : "other"),
  );

describe("readResourceBytes", () => {
  it("returns the file's bytes unchanged, which UTF-8 decoding would not", async () => {
    const dir = skill();
    const bytes = await readResourceBytes(dir, "data.bin");
    expect(bytes).toEqual(readFileSync(path.join(dir, "data.bin")));
    expect(Buffer.from(await readResource(dir, "data.bin"), "utf8")).not.toEqual(bytes);
  });

  it("refuses what readResource refuses, with the same codes", async () => {
    const dir = skill();
    for (const [file, expected] of [
      ["../secret", "OUTSIDE_SKILL"],
      ["leak", "OUTSIDE_SKILL"],
      ["evals/evals.json", "NOT_SHIPPED"],
      ["missing", "NOT_FOUND"],
    ] as const) {
      expect(await code(readResourceBytes(dir, file)), file).toBe(expected);
      expect(await code(readResource(dir, file)), file).toBe(expected);
    }
    expect(await code(readResourceBytes(dir, "data.bin", 2))).toBe("TOO_LARGE");
  });
});
