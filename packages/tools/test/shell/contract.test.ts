// Runs the shared ToolAdapter contract against a ToolSet holding the shell tool.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeToolAdapterContract } from "@skillflow/workflow/testing/contract";
import { expect } from "vitest";
import { createShellTool } from "../../src/shell/shell.js";
import { ToolSet } from "../../src/toolset.js";

describeToolAdapterContract("ToolSet with the shell tool", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "skillflow-shell-contract-"));
  const allow = ["echo", process.execPath];
  return {
    adapter: new ToolSet([createShellTool({ allow, workspaceRoot: root })]),
    knownTool: {
      name: "shell",
      args: { command: "echo", args: ["hi"] },
      expectOutput: (output) =>
        expect(output).toEqual({ exitCode: 0, stdout: "hi\n", stderr: "", truncated: false }),
    },
    unknownTool: "sh",
    failingTool: { name: "shell", args: { command: "rm", args: ["-rf", "/"] }, failsBy: "result" },
    slowTool: {
      name: "shell",
      args: { command: process.execPath, args: ["-e", "setTimeout(() => {}, 60000)"] },
    },
    abortWithinMs: 500,
    teardown: () => rm(root, { recursive: true, force: true }),
  };
});
