// Runs the shared ToolAdapter contract against a ToolSet holding the file tools.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeToolAdapterContract } from "@skillflow/workflow/testing/contract";
import { expect } from "vitest";
import { createFileTools } from "../../src/files/files.js";
import { ToolSet } from "../../src/toolset.js";

describeToolAdapterContract("ToolSet with the file tools", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "skillflow-files-contract-"));
  await writeFile(path.join(root, "note.txt"), "hi");
  return {
    adapter: new ToolSet(createFileTools({ root })),
    knownTool: {
      name: "file_read",
      args: { path: "note.txt" },
      expectOutput: (output) =>
        expect(output).toEqual({ path: "note.txt", content: "hi", bytes: 2 }),
    },
    unknownTool: "file_delete",
    failingTool: { name: "file_read", args: { path: "../escape.txt" }, failsBy: "result" },
    concurrentCalls: ["a", "b", "c", "d"].map((name) => ({
      name: "file_write",
      args: { path: `${name}.txt`, content: name },
      expectOutput: (output: unknown) => expect(output).toEqual({ path: `${name}.txt`, bytes: 1 }),
    })),
    teardown: () => rm(root, { recursive: true, force: true }),
  };
});
