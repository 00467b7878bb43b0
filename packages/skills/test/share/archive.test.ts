// Tests for skill archives: deterministic packing, and refusal of unsafe or oversized archives.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import * as tar from "tar";
import { describe, expect, it } from "vitest";
import {
  ArchiveError,
  DEFAULT_ARCHIVE_LIMITS,
  packFolder,
  sha256,
  unpackArchive,
  type ArchiveErrorCode,
} from "../../src/share/archive.js";
import { tempDir } from "../_helpers.js";

const MiB = 1024 * 1024;

function write(root: string, rel: string, content = rel, mode = 0o644): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content, { mode });
}

/** A skill folder with kept files plus every excluded kind of clutter. */
function skillFolder(): string {
  const root = tempDir("archive-src-");
  write(root, "SKILL.md", "---\nname: demo\n---\n");
  write(root, "scripts/run.sh", "#!/bin/sh\necho hi\n", 0o755);
  write(root, "docs/nested/deep.md");
  write(root, "docs/evals/kept.json");
  write(root, "10.txt");
  write(root, "2.txt");
  write(root, "evals/case.json");
  write(root, "node_modules/dep/index.js");
  write(root, "scripts/node_modules/x.js");
  write(root, "scripts/__pycache__/mod.cpython-312.pyc");
  write(root, "scripts/x.pyc");
  write(root, ".DS_Store");
  write(root, "docs/.DS_Store");
  write(root, ".git/HEAD");
  return root;
}

/** Unpack into a fresh target, expect a refusal with `code`, and check nothing was left behind. */
async function expectRefused(
  data: Buffer,
  code: ArchiveErrorCode,
  options: Parameters<typeof unpackArchive>[2] = {},
): Promise<ArchiveError> {
  const parent = tempDir("archive-dst-");
  const target = path.join(parent, "skill");
  const error = await unpackArchive(data, target, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as ArchiveError).code).toBe(code);
  expect(readdirSync(parent)).toEqual([]);
  return error as ArchiveError;
}

const zip = (files: Zippable): Buffer => Buffer.from(zipSync(files));

/** A ustar header block for `name` (hand-built: tar.c refuses `..` paths). */
function tarHeader(name: string, size: number, type = "0"): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, "utf8");
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(size.toString(8).padStart(11, "0") + "\0", 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(type, 156);
  h.write("ustar\0", 257);
  h.write("00", 263);
  const sum = h.reduce((acc, byte) => acc + byte, 0);
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

function handTarGz(name: string, content: string, type = "0"): Buffer {
  const body = Buffer.from(content);
  const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  body.copy(padded);
  const raw = Buffer.concat([tarHeader(name, body.length, type), padded, Buffer.alloc(1024)]);
  return gzipSync(raw);
}

async function tarGz(cwd: string, entries: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = tar.c({ gzip: true, cwd, portable: true }, entries);
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("packFolder", () => {
  it("zips kept files sorted, leaving out evals at the root and clutter anywhere", async () => {
    const data = await packFolder(skillFolder());
    expect(Object.keys(unzipSync(data))).toEqual([
      "10.txt",
      "2.txt",
      "SKILL.md",
      "docs/evals/kept.json",
      "docs/nested/deep.md",
      "scripts/run.sh",
    ]);
  });

  it("gives identical bytes for the same folder", async () => {
    const root = skillFolder();
    const first = await packFolder(root);
    const second = await packFolder(root);
    expect(sha256(first)).toBe(sha256(second));
    expect(first.equals(second)).toBe(true);
  });

  it("refuses a symlink inside the folder", async () => {
    const root = skillFolder();
    symlinkSync("/etc/passwd", path.join(root, "docs/link"));
    const error = await packFolder(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).code).toBe("SYMLINK");
    expect((error as ArchiveError).entry).toBe("docs/link");
  });

  it("round-trips through unpackArchive with contents and the executable bit", async () => {
    const root = skillFolder();
    const target = path.join(tempDir("archive-dst-"), "skill");
    const result = await unpackArchive(await packFolder(root), target);
    expect(result.files).toEqual([
      "10.txt",
      "2.txt",
      "SKILL.md",
      "docs/evals/kept.json",
      "docs/nested/deep.md",
      "scripts/run.sh",
    ]);
    for (const rel of result.files) {
      expect(readFileSync(path.join(target, rel))).toEqual(readFileSync(path.join(root, rel)));
    }
    expect(result.bytes).toBe(
      result.files.reduce((n, rel) => n + statSync(path.join(root, rel)).size, 0),
    );
    expect(statSync(path.join(target, "scripts/run.sh")).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(target, "SKILL.md")).mode & 0o777).toBe(0o644);
  });
});

describe("unpackArchive: zip", () => {
  it.each(["../evil", "/abs/evil", "a/../../evil", "..\\evil", "C:/evil", "a\0b"])(
    "refuses the path %j as ZIP_SLIP",
    async (name) => {
      const error = await expectRefused(
        zip({ "ok.txt": strToU8("ok"), [name]: strToU8("x") }),
        "ZIP_SLIP",
      );
      expect(error.entry).toBe(name);
    },
  );

  it("accepts `..` segments that stay inside", async () => {
    const target = path.join(tempDir("archive-dst-"), "skill");
    const result = await unpackArchive(zip({ "a/../b.txt": strToU8("b") }), target);
    expect(result.files).toEqual(["b.txt"]);
  });

  it("strips the single root folder of a zipped folder, directory entries included", async () => {
    const data = zip({ "my-skill": { "SKILL.md": strToU8("s"), sub: { "a.txt": strToU8("a") } } });
    expect(Object.keys(unzipSync(data))).toContain("my-skill/sub/");
    const target = path.join(tempDir("archive-dst-"), "skill");
    const result = await unpackArchive(data, target, { stripSingleRoot: true });
    expect(result).toEqual({ files: ["SKILL.md", "sub/a.txt"], bytes: 2 });
  });

  it("does not strip when a file sits at the root", async () => {
    const data = zip({ root: { "a.txt": strToU8("a") }, "b.txt": strToU8("b") });
    const target = path.join(tempDir("archive-dst-"), "skill");
    const result = await unpackArchive(data, target, { stripSingleRoot: true });
    expect(result.files).toEqual(["b.txt", "root/a.txt"]);
  });

  it("refuses duplicate paths and entries under a file as CORRUPT", async () => {
    await expectRefused(zip({ "a.txt": strToU8("1"), "./a.txt": strToU8("2") }), "CORRUPT");
    await expectRefused(zip({ a: strToU8("1"), "a/b.txt": strToU8("2") }), "CORRUPT");
  });

  it("refuses a symlink entry", async () => {
    const data = zip({ link: [strToU8("/etc/passwd"), { os: 3, attrs: 0o120777 << 16 }] });
    expect((await expectRefused(data, "SYMLINK")).entry).toBe("link");
  });

  it("refuses a zip bomb by counting inflated bytes, whatever the declared size", async () => {
    const data = zip({ "zeros.bin": new Uint8Array(30 * MiB) });
    expect(data.length).toBeLessThan(100 * 1024);
    // Make the central directory lie: declared size 1 byte.
    const cd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    data.writeUInt32LE(1, cd + 24);
    await expectRefused(data, "TOO_LARGE");
    await expectRefused(data, "TOO_LARGE", { limits: { maxUnpackedBytes: 1024 } });
  });

  it("refuses more files than the limit", async () => {
    const files: Zippable = {};
    for (let i = 0; i <= DEFAULT_ARCHIVE_LIMITS.maxFiles; i++) files[`f${i}.txt`] = strToU8("x");
    await expectRefused(zip(files), "TOO_MANY_FILES");
  });

  it("counts folders against the limit too: directory entries and the folders paths imply", async () => {
    const folders: Zippable = { "SKILL.md": strToU8("x") };
    for (let i = 0; i < DEFAULT_ARCHIVE_LIMITS.maxFiles; i++) folders[`d${i}/`] = new Uint8Array();
    await expectRefused(zip(folders), "TOO_MANY_FILES");
    const nested: Zippable = {};
    for (let i = 0; i < 501; i++) nested[`d${i}/f.txt`] = strToU8("x");
    const error = await expectRefused(zip(nested), "TOO_MANY_FILES");
    expect(error.message).toContain("more than 1000 entries (files and folders)");
    // Each folder counts once, however many files it holds.
    const shared: Zippable = {};
    for (let i = 0; i < 900; i++) shared[`refs/deep/f${i}.txt`] = strToU8("x");
    const target = path.join(tempDir("archive-dst-"), "skill");
    expect((await unpackArchive(zip(shared), target)).files).toHaveLength(900);
  });

  it("refuses paths deeper or longer than a file system takes as PATH_TOO_LONG", async () => {
    // 10,000 folders deep used to fail with an internal ENAMETOOLONG while writing.
    const deep = await expectRefused(
      zip({ [`${"a/".repeat(10_000)}f.txt`]: strToU8("x") }),
      "PATH_TOO_LONG",
    );
    expect(deep.message).toMatch(/^entry is 10000 folders deep, more than 32: a\/a\//);
    expect(deep.message.length).toBeLessThan(300);
    await expectRefused(zip({ [`${"a/".repeat(33)}f.txt`]: strToU8("x") }), "PATH_TOO_LONG");
    await expectRefused(zip({ [`${"n".repeat(256)}.md`]: strToU8("x") }), "PATH_TOO_LONG");
    await expectRefused(
      zip({ [`${`${"n".repeat(200)}/`.repeat(6)}f.md`]: strToU8("x") }),
      "PATH_TOO_LONG",
    );
    const target = path.join(tempDir("archive-dst-"), "skill");
    const ok = await unpackArchive(zip({ [`${"a/".repeat(32)}f.txt`]: strToU8("x") }), target);
    expect(ok.files).toEqual([`${"a/".repeat(32)}f.txt`]);
  });

  it("shows control characters in entry names visibly in messages", async () => {
    const error = await expectRefused(
      zip({ "a\u001b[31m.txt": strToU8("1"), "./a\u001b[31m.txt": strToU8("2") }),
      "CORRUPT",
    );
    expect(error.message).toBe("duplicate entry: ./a<U+001B>[31m.txt");
    expect(error.entry).toBe("./a\u001b[31m.txt");
  });

  it("refuses a download over the cap", async () => {
    const data = zip({ "a.txt": strToU8("hello") });
    await expectRefused(data, "TOO_LARGE", { limits: { maxDownloadBytes: data.length - 1 } });
  });

  it("refuses a checksum mismatch as CORRUPT", async () => {
    const data = zip({ "a.txt": [strToU8("hello"), { level: 0 }] });
    data[data.indexOf("hello")] = 0x48;
    await expectRefused(data, "CORRUPT");
  });

  it("refuses unknown bytes as UNSUPPORTED", async () => {
    await expectRefused(Buffer.from("not an archive at all"), "UNSUPPORTED");
  });

  it("refuses a target that exists, without touching it", async () => {
    const target = tempDir("archive-dst-");
    const error = await unpackArchive(zip({ "a.txt": strToU8("a") }), target).catch(
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe("EEXIST");
    expect(readdirSync(target)).toEqual([]);
  });
});

describe("unpackArchive: tar", () => {
  it("strips the single root folder of a GitHub-style tarball", async () => {
    const src = tempDir("archive-src-");
    write(src, "repo-abc123/SKILL.md", "skill");
    write(src, "repo-abc123/scripts/a.py", "print(1)");
    const target = path.join(tempDir("archive-dst-"), "skill");
    const data = await tarGz(src, ["repo-abc123"]);
    const result = await unpackArchive(data, target, { stripSingleRoot: true });
    expect(result).toEqual({ files: ["SKILL.md", "scripts/a.py"], bytes: 13 });
    expect(readFileSync(path.join(target, "SKILL.md"), "utf8")).toBe("skill");
  });

  it("keeps the root without stripSingleRoot, and for an uncompressed tar", async () => {
    const src = tempDir("archive-src-");
    write(src, "repo-abc123/SKILL.md", "skill");
    const gz = await tarGz(src, ["repo-abc123"]);
    const target = path.join(tempDir("archive-dst-"), "skill");
    const result = await unpackArchive(gunzipSync(gz), target);
    expect(result.files).toEqual(["repo-abc123/SKILL.md"]);
  });

  it("refuses a symlink entry", async () => {
    const src = tempDir("archive-src-");
    write(src, "root/SKILL.md");
    symlinkSync("/etc/passwd", path.join(src, "root/link"));
    const error = await expectRefused(await tarGz(src, ["root"]), "SYMLINK");
    expect(error.entry).toBe("root/link");
  });

  it("refuses a `../` path as ZIP_SLIP", async () => {
    const error = await expectRefused(handTarGz("../evil", "pwned"), "ZIP_SLIP");
    expect(error.entry).toBe("../evil");
  });

  it("refuses a hardlink as SYMLINK and a FIFO as UNSUPPORTED", async () => {
    await expectRefused(handTarGz("fifo", "", "6"), "UNSUPPORTED");
    const link = tarHeader("hard", 0, "1");
    link.write("target", 157);
    link.write("        ", 148);
    const sum = link.reduce((acc, byte) => acc + byte, 0);
    link.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    await expectRefused(gzipSync(Buffer.concat([link, Buffer.alloc(1024)])), "SYMLINK");
  });

  it("refuses a bad header checksum instead of skipping the entry", async () => {
    const raw = gunzipSync(handTarGz("a.txt", "hello"));
    raw[0] = 0x62; // name changes, checksum no longer matches
    await expectRefused(gzipSync(raw), "CORRUPT");
  });

  it("refuses a tarball that inflates past the limit", async () => {
    const src = tempDir("archive-src-");
    write(src, "big.bin", "\0".repeat(2 * MiB));
    const data = await tarGz(src, ["big.bin"]);
    await expectRefused(data, "TOO_LARGE", { limits: { maxUnpackedBytes: MiB } });
  });
});
