// The safe reader: regular files only, never past the cap, links followed only to regular files.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  SkillFileError,
  openRegularFile,
  readRegularFile,
  readRegularFileSync,
  readSkillFile,
  type ReadLimits,
} from "../src/read-file.js";
import { tempDir } from "./_helpers.js";

const unix = process.platform !== "win32";

/** The code a read fails with, sync and async alike (both must agree). */
async function codeOf(file: string, limits: ReadLimits): Promise<string | undefined> {
  const codeOfError = (error: unknown) => {
    expect(error).toBeInstanceOf(SkillFileError);
    expect((error as SkillFileError).file).toBe(file);
    return (error as SkillFileError).code;
  };
  let sync: string | undefined;
  try {
    readRegularFileSync(file, limits);
  } catch (error) {
    sync = codeOfError(error);
  }
  const async = await readRegularFile(file, limits).then(() => undefined, codeOfError);
  expect(async).toBe(sync);
  return sync;
}

describe("readRegularFile", () => {
  it("reads a regular file, and one behind a link", async () => {
    const dir = tempDir("read-");
    writeFileSync(path.join(dir, "a.md"), "hello");
    symlinkSync(path.join(dir, "a.md"), path.join(dir, "link.md"));
    for (const file of ["a.md", "link.md"]) {
      const read = await readRegularFile(path.join(dir, file), { maxBytes: 10 });
      expect(read.data.toString()).toBe("hello");
      expect(read.truncated).toBe(false);
      expect(readRegularFileSync(path.join(dir, file), { maxBytes: 5 }).data.toString()).toBe(
        "hello",
      );
    }
    expect(await readSkillFile(path.join(dir, "a.md"))).toBe("hello");
  });

  it.skipIf(!unix)(
    "never reads a device, even behind a link (a SKILL.md to /dev/zero)",
    async () => {
      const dir = tempDir("read-");
      symlinkSync("/dev/zero", path.join(dir, "SKILL.md"));
      expect(await codeOf(path.join(dir, "SKILL.md"), { maxBytes: 1024 })).toBe("NOT_A_FILE");
      expect(await codeOf("/dev/zero", { maxBytes: 1024, truncate: true })).toBe("NOT_A_FILE");
      await expect(readSkillFile(path.join(dir, "SKILL.md"))).rejects.toThrow(/a device/);
    },
  );

  it.skipIf(!unix)("never opens a FIFO (opening one for reading would block)", async () => {
    const dir = tempDir("read-");
    execFileSync("mkfifo", [path.join(dir, "pipe")]);
    symlinkSync(path.join(dir, "pipe"), path.join(dir, "link"));
    expect(await codeOf(path.join(dir, "pipe"), { maxBytes: 10 })).toBe("NOT_A_FILE");
    expect(await codeOf(path.join(dir, "link"), { maxBytes: 10 })).toBe("NOT_A_FILE");
    await expect(openRegularFile(path.join(dir, "pipe"))).rejects.toMatchObject({
      code: "NOT_A_FILE",
    });
  });

  it("refuses folders, missing files and, with noFollow, links", async () => {
    const dir = tempDir("read-");
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "a.md"), "a");
    symlinkSync(path.join(dir, "a.md"), path.join(dir, "link.md"));
    expect(await codeOf(path.join(dir, "sub"), { maxBytes: 10 })).toBe("NOT_A_FILE");
    expect(await codeOf(path.join(dir, "missing"), { maxBytes: 10 })).toBe("NOT_FOUND");
    expect(await codeOf(path.join(dir, "link.md"), { maxBytes: 10, noFollow: true })).toBe(
      "NOT_A_FILE",
    );
  });

  it("refuses a file over the cap, or returns its head when truncating", async () => {
    const dir = tempDir("read-");
    const file = path.join(dir, "big.md");
    writeFileSync(file, "x".repeat(101));
    expect(await codeOf(file, { maxBytes: 100 })).toBe("TOO_LARGE");
    await expect(readSkillFile(file, { maxBytes: 100, hint: "shorten it" })).rejects.toThrow(
      "101 bytes, more than the 100 allowed: shorten it",
    );
    const head = await readRegularFile(file, { maxBytes: 100, truncate: true });
    expect([head.data.length, head.truncated, head.stat.size]).toEqual([100, true, 101]);
    const sync = readRegularFileSync(file, { maxBytes: 100, truncate: true });
    expect([sync.data.length, sync.truncated]).toEqual([100, true]);
    writeFileSync(file, "x".repeat(100));
    expect((await readRegularFile(file, { maxBytes: 100 })).data.length).toBe(100);
  });
});
