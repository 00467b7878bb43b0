// The API token file: made once (0600 in a 0700 folder), read back, refused when others may read it.
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateToken } from "../../src/http/token.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "sf-token-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === "win32")("loadOrCreateToken", () => {
  it("makes a 32-byte base64url token, mode 0600, in a new folder with mode 0700", async () => {
    const file = join(root, "config", "skillflow", "token");
    const made = await loadOrCreateToken(file);
    expect(made.created).toBe(true);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(made.token, "base64url")).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, "config", "skillflow"))).mode & 0o777).toBe(0o700);
    expect((await readFile(file, "utf8")).trim()).toBe(made.token);
    expect(await readdir(join(root, "config", "skillflow"))).toEqual(["token"]);
  });

  it("reads the same token back the next time", async () => {
    const file = join(root, "token");
    const made = await loadOrCreateToken(file);
    expect(await loadOrCreateToken(file)).toEqual({ token: made.token, created: false });
  });

  it("makes a different token in another file", async () => {
    const a = await loadOrCreateToken(join(root, "a"));
    const b = await loadOrCreateToken(join(root, "b"));
    expect(a.token).not.toBe(b.token);
  });

  it.each([0o644, 0o640, 0o604, 0o660])(
    "refuses an existing file with mode %o (TOKEN_FILE_TOO_OPEN)",
    async (mode) => {
      const file = join(root, "token");
      await writeFile(file, "a-token-long-enough-to-use\n");
      await chmod(file, mode);
      await expect(loadOrCreateToken(file)).rejects.toMatchObject({
        code: "TOKEN_FILE_TOO_OPEN",
        details: { mode },
      });
      expect((await stat(file)).mode & 0o777).toBe(mode);
    },
  );

  it("accepts an existing 0400 or 0600 file", async () => {
    const file = join(root, "token");
    await writeFile(file, "a-token-long-enough-to-use\n", { mode: 0o400 });
    expect(await loadOrCreateToken(file)).toEqual({
      token: "a-token-long-enough-to-use",
      created: false,
    });
  });

  it("refuses a file that holds no usable token (TOKEN_FILE_INVALID)", async () => {
    const file = join(root, "token");
    await writeFile(file, "short\n", { mode: 0o600 });
    await expect(loadOrCreateToken(file)).rejects.toMatchObject({ code: "TOKEN_FILE_INVALID" });
  });

  it("refuses a folder, or a link to a device, without reading it (TOKEN_FILE_INVALID)", async () => {
    const folder = join(root, "folder");
    await mkdir(folder, { mode: 0o700 });
    await expect(loadOrCreateToken(folder)).rejects.toMatchObject({ code: "TOKEN_FILE_INVALID" });
    // /dev/zero never ends: reading it would hang serve (the test's timeout guards that).
    const device = join(root, "device");
    await symlink("/dev/zero", device);
    await expect(loadOrCreateToken(device)).rejects.toMatchObject({
      code: expect.stringMatching(/^TOKEN_FILE_/),
    });
  });
});
