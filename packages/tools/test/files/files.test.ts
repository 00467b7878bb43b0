// The file tools: reading, atomic writing and listing, all confined to the root.
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileTools } from "../../src/files/files.js";
import { writeAtomically } from "../../src/files/write.js";
import { ToolSet } from "../../src/toolset.js";

let root: string;
let outside: string;
let tools: ToolSet;
const live = new AbortController().signal;

beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), "skillflow-files-")));
  outside = await realpath(await mkdtemp(path.join(tmpdir(), "skillflow-outside-")));
  await mkdir(path.join(root, "docs", "deep"), { recursive: true });
  await writeFile(path.join(root, "a.txt"), "hello");
  await writeFile(path.join(root, "docs", "b.md"), "# B");
  await writeFile(path.join(root, "docs", "deep", "c.bin"), Buffer.from([0, 1, 2, 255]));
  await writeFile(path.join(outside, "secret.txt"), "top secret");
  await symlink(path.join(outside, "secret.txt"), path.join(root, "leak.txt"));
  await symlink(outside, path.join(root, "outdir"));
  await symlink(path.join(root, "a.txt"), path.join(root, "alias.txt"));
  tools = new ToolSet(createFileTools({ root, maxBytes: 64 }));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const ESCAPES = ["../x", "docs/../../x", "/etc/passwd", "leak.txt", "outdir/secret.txt"];

describe("file_read", () => {
  it("reads UTF-8 text and base64", async () => {
    expect(await tools.invoke("file_read", { path: "a.txt" })).toEqual({
      output: { path: "a.txt", content: "hello", bytes: 5 },
    });
    expect(
      await tools.invoke("file_read", { path: "docs/deep/c.bin", encoding: "base64" }),
    ).toEqual({ output: { path: "docs/deep/c.bin", content: "AAEC/w==", bytes: 4 } });
  });

  it("accepts absolute paths inside the root, `..` that stays inside, and symlinks inside", async () => {
    for (const p of [path.join(root, "a.txt"), "docs/../a.txt", "./a.txt", "alias.txt"]) {
      const result = await tools.invoke("file_read", { path: p });
      expect(result.output, p).toEqual(expect.objectContaining({ content: "hello" }));
    }
  });

  it("refuses paths that escape the root, lexically or through symlinks", async () => {
    for (const p of ESCAPES) {
      const result = await tools.invoke("file_read", { path: p });
      expect(result.code, p).toBe("FORBIDDEN");
      expect(result.error).not.toContain("top secret");
    }
  });

  it("reports NOT_FOUND, TOO_LARGE and folders", async () => {
    expect((await tools.invoke("file_read", { path: "nope.txt" })).code).toBe("NOT_FOUND");
    expect((await tools.invoke("file_read", { path: "nope/x.txt" })).code).toBe("NOT_FOUND");
    await writeFile(path.join(root, "big.txt"), "x".repeat(65));
    expect((await tools.invoke("file_read", { path: "big.txt" })).code).toBe("TOO_LARGE");
    expect((await tools.invoke("file_read", { path: "docs" })).code).toBe("INVALID_ARGUMENTS");
  });
});

describe("file_read_json", () => {
  it("returns the parsed value", async () => {
    await writeFile(path.join(root, "data.json"), '\uFEFF{"items": [1, {"a": null}]}');
    expect(await tools.invoke("file_read_json", { path: "data.json" })).toEqual({
      output: { path: "data.json", data: { items: [1, { a: null }] }, bytes: 30 },
    });
  });

  it("names the file, line and column of invalid JSON without quoting it", async () => {
    await writeFile(path.join(root, "bad.json"), '{\n  "token": "s3cr3t",\n  "b": ,\n}');
    const result = await tools.invoke("file_read_json", { path: "bad.json" });
    expect(result.code).toBe("INVALID_ARGUMENTS");
    expect(result.error).toBe('bad.json:3:8: not valid JSON: unexpected ",", expected a value');
  });

  it("is confined like file_read", async () => {
    for (const p of ESCAPES) {
      expect((await tools.invoke("file_read_json", { path: p })).code, p).toBe("FORBIDDEN");
    }
    expect((await tools.invoke("file_read_json", { path: "nope.json" })).code).toBe("NOT_FOUND");
  });
});

describe("file_write", () => {
  it("writes a new file and replaces an existing one", async () => {
    expect(await tools.invoke("file_write", { path: "new.txt", content: "één" })).toEqual({
      output: { path: "new.txt", bytes: 5 },
    });
    expect(await readFile(path.join(root, "new.txt"), "utf8")).toBe("één");
    await tools.invoke("file_write", { path: "a.txt", content: "bye" });
    expect(await readFile(path.join(root, "a.txt"), "utf8")).toBe("bye");
  });

  it("decodes base64 content and refuses invalid base64", async () => {
    await tools.invoke("file_write", { path: "b.bin", content: "AAEC/w==", encoding: "base64" });
    expect([...(await readFile(path.join(root, "b.bin")))]).toEqual([0, 1, 2, 255]);
    const bad = await tools.invoke("file_write", {
      path: "c.bin",
      content: "*!",
      encoding: "base64",
    });
    expect(bad.code).toBe("INVALID_ARGUMENTS");
  });

  it("creates folders only with createDirs", async () => {
    const refused = await tools.invoke("file_write", { path: "x/y/z.txt", content: "1" });
    expect(refused.code).toBe("NOT_FOUND");
    expect(refused.error).toContain('"x/y"');
    const created = await tools.invoke("file_write", {
      path: "x/y/z.txt",
      content: "1",
      createDirs: true,
    });
    expect(created.output).toEqual({ path: "x/y/z.txt", bytes: 1 });
  });

  it("refuses escapes, including a new file under a symlinked folder outside", async () => {
    for (const p of [...ESCAPES, "outdir/new.txt", "outdir/sub/new.txt"]) {
      const result = await tools.invoke("file_write", { path: p, content: "x", createDirs: true });
      expect(result.code, p).toBe("FORBIDDEN");
    }
    expect(await readFile(path.join(outside, "secret.txt"), "utf8")).toBe("top secret");
    expect(await readdir(outside)).toEqual(["secret.txt"]);
  });

  it("refuses a dangling symlink, whose target could be outside", async () => {
    await symlink(path.join(outside, "missing.txt"), path.join(root, "dangling"));
    const result = await tools.invoke("file_write", { path: "dangling", content: "x" });
    expect(result.code).toBe("FORBIDDEN");
    expect(await readdir(outside)).toEqual(["secret.txt"]);
  });

  it("writes through a symlink inside the root to its target, keeping the link", async () => {
    await tools.invoke("file_write", { path: "alias.txt", content: "via link" });
    expect(await readFile(path.join(root, "a.txt"), "utf8")).toBe("via link");
  });

  it("keeps the mode of a replaced file", async () => {
    await chmod(path.join(root, "a.txt"), 0o640);
    await tools.invoke("file_write", { path: "a.txt", content: "x" });
    expect((await stat(path.join(root, "a.txt"))).mode & 0o777).toBe(0o640);
  });

  it("leaves nothing half-written when it fails", async () => {
    const big = await tools.invoke("file_write", { path: "a.txt", content: "x".repeat(65) });
    expect(big.code).toBe("TOO_LARGE");
    expect(await readFile(path.join(root, "a.txt"), "utf8")).toBe("hello");
    // Failures inside the write itself: the target keeps its content and no temp file remains.
    const target = path.join(root, "a.txt");
    const data = Buffer.from("new");
    await expect(writeAtomically(target, data, undefined, AbortSignal.abort())).rejects.toThrow();
    await expect(writeAtomically(path.join(root, "docs"), data, undefined, live)).rejects.toThrow();
    expect(await readFile(target, "utf8")).toBe("hello");
    expect(await readdir(root)).toEqual(["a.txt", "alias.txt", "docs", "leak.txt", "outdir"]);
    expect(await readdir(path.join(root, "docs"))).toEqual(["b.md", "deep"]);
  });

  it("aborted before the rename, it removes its temp file and keeps the old content", async () => {
    const controller = new AbortController();
    const ctx = { signal: controller.signal, runId: "r", stepId: "s", attempt: 1 };
    controller.abort();
    const result = await tools.invoke("file_write", { path: "a.txt", content: "new" }, ctx);
    expect(result.code).toBe("ABORTED");
    expect(await readFile(path.join(root, "a.txt"), "utf8")).toBe("hello");
    expect((await readdir(root)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("file_list", () => {
  it("lists the root, with symlinks as symlinks", async () => {
    expect(await tools.invoke("file_list", {})).toEqual({
      output: {
        entries: [
          { path: "a.txt", type: "file", size: 5 },
          { path: "alias.txt", type: "symlink", size: expect.any(Number) },
          { path: "docs", type: "dir", size: 0 },
          { path: "leak.txt", type: "symlink", size: expect.any(Number) },
          { path: "outdir", type: "symlink", size: expect.any(Number) },
        ],
        truncated: false,
      },
    });
  });

  it("lists recursively without following symlinks", async () => {
    const result = await tools.invoke("file_list", { path: "docs", recursive: true });
    expect(result.output).toEqual({
      entries: [
        { path: "docs/b.md", type: "file", size: 3 },
        { path: "docs/deep", type: "dir", size: 0 },
        { path: "docs/deep/c.bin", type: "file", size: 4 },
      ],
      truncated: false,
    });
    const all = (await tools.invoke("file_list", { recursive: true })).output as {
      entries: { path: string }[];
    };
    expect(all.entries.map((e) => e.path)).not.toContain("outdir/secret.txt");
  });

  it("stops at maxEntries and says so", async () => {
    const result = await tools.invoke("file_list", { recursive: true, maxEntries: 2 });
    expect(result.output).toEqual({
      entries: [
        { path: "a.txt", type: "file", size: 5 },
        { path: "alias.txt", type: "symlink", size: expect.any(Number) },
      ],
      truncated: true,
    });
  });

  it("refuses folders outside the root and reports missing ones", async () => {
    for (const p of ["..", "outdir", "/"]) {
      expect((await tools.invoke("file_list", { path: p })).code, p).toBe("FORBIDDEN");
    }
    expect((await tools.invoke("file_list", { path: "missing" })).code).toBe("NOT_FOUND");
    expect((await tools.invoke("file_list", { path: "a.txt" })).code).toBe("INVALID_ARGUMENTS");
  });
});

describe("configuration", () => {
  it("reports a missing root as CONFIGURATION", async () => {
    const set = new ToolSet(createFileTools({ root: path.join(outside, "nope") }));
    expect((await set.invoke("file_list", {})).code).toBe("CONFIGURATION");
  });

  it("accepts a root given through a symlink", async () => {
    const linked = path.join(outside, "link-to-root");
    await symlink(root, linked);
    const set = new ToolSet(createFileTools({ root: linked }));
    const result = await set.invoke("file_read", { path: path.join(linked, "a.txt") });
    expect(result.output).toEqual({ path: "a.txt", content: "hello", bytes: 5 });
  });
});

describe("hidden paths (an evaluation's answer key)", () => {
  let hiddenTools: ToolSet;
  beforeEach(async () => {
    await mkdir(path.join(root, "skill", "evals"), { recursive: true });
    await writeFile(path.join(root, "skill", "evals", "evals.json"), '{"answer": 42}');
    await writeFile(path.join(root, "skill", "SKILL.md"), "# Skill");
    await symlink(path.join(root, "skill", "evals"), path.join(root, "key"));
    await symlink(path.join(root, "skill", "evals", "evals.json"), path.join(root, "key.json"));
    hiddenTools = new ToolSet(
      createFileTools({ root, maxBytes: 64, hidden: [path.join(root, "skill", "evals")] }),
    );
  });

  it.each([
    "skill/evals/evals.json",
    "./skill/evals/evals.json",
    "skill/../skill/evals/evals.json",
    "SKILL/EVALS/evals.json",
    "key/evals.json",
    "key.json",
  ])("file_read %s is FORBIDDEN, naming why", async (p) => {
    const result = await hiddenTools.invoke("file_read", { path: p });
    expect(result.code, JSON.stringify(result)).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(JSON.stringify(result)).not.toContain("42");
    if (result.code === "FORBIDDEN") expect(result.error).toContain("hidden");
  });

  it("file_list leaves the hidden folder out and refuses to list inside it", async () => {
    const listed = await hiddenTools.invoke("file_list", { path: "skill", recursive: true });
    const paths = (listed.output as { entries: { path: string }[] }).entries.map((e) => e.path);
    expect(paths).toEqual(["skill/SKILL.md"]);
    const inside = await hiddenTools.invoke("file_list", { path: "key" });
    expect(inside.code).toBe("FORBIDDEN");
  });

  it("file_write cannot place a file inside it, even a new folder below it", async () => {
    for (const p of ["skill/evals/evals.json", "skill/evals/new/x.json", "key/y.json"]) {
      const result = await hiddenTools.invoke("file_write", { path: p, content: "x" });
      expect(result.code, p).toBe("FORBIDDEN");
    }
  });

  it("other files are untouched", async () => {
    const result = await hiddenTools.invoke("file_read", { path: "skill/SKILL.md" });
    expect(result.output).toMatchObject({ content: "# Skill" });
  });
});
