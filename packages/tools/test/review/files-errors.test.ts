// Review: raw filesystem errors escape the file tools with host paths and the wrong classification.
import { mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileTools } from "../../src/files/files.js";
import { ToolSet } from "../../src/toolset.js";

let root: string;
beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), "review-files-")));
  await writeFile(path.join(root, "a.txt"), "x");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("review: file tool errors", () => {
  // RISK (low): writing below a regular file (`a.txt/b`) surfaces Node's raw ENOTDIR error: the
  // message discloses the host's absolute workspace path (which the tools otherwise never reveal:
  // every reported path is relative to the root) and, as an unknown error, it is marked retryable
  // (EXECUTION, retryable: true), so a step `retry` repeats a call that cannot succeed.
  it("reports a path under a regular file without host paths and as non-retryable", async () => {
    const tools = new ToolSet(createFileTools({ root }));
    const result = await tools.invoke("file_write", { path: "a.txt/b", content: "y" });
    expect(result.error).toBeDefined();
    expect(result.error).not.toContain(root);
    expect(result.retryable).toBe(false);
  });
});
