// End to end: a workflow lists a folder with file_list and reads each file with file_read.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runWorkflowSkill } from "@skillflow/workflow";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFileTools } from "../../src/files/files.js";
import { ToolSet } from "../../src/toolset.js";

const WORKFLOW = `---
name: read-notes
description: Reads every file of a folder.
---

\`\`\`workflow
inputs:
  folder: { type: string, default: "notes" }
outputs:
  paths: { type: array, value: $steps.files.output.items }
  contents: { type: array, value: $steps.read.output }
steps:
  - id: list
    type: tool
    tool: file_list
    inputs:
      path: { type: string, value: $inputs.folder }
    outputs:
      entries: { type: array, value: $result.entries }
  - id: files
    type: transform
    operation: filter
    where: $item.type == "file"
    inputs:
      items: { type: array, value: $steps.list.output.entries }
    outputs:
      items: { type: array }
  - id: read
    type: tool
    tool: file_read
    each: $steps.files.output.items
    concurrency: 2
    inputs:
      path: { type: string, value: $item.path }
    outputs:
      content: { type: string, value: $result.content }
\`\`\`
`;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "skillflow-e2e-"));
  await mkdir(path.join(root, "notes", "archive"), { recursive: true });
  await writeFile(path.join(root, "notes", "one.md"), "first");
  await writeFile(path.join(root, "notes", "two.md"), "second");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it("runs file_list + file_read through runWorkflowSkill", async () => {
  const log = await runWorkflowSkill({
    content: WORKFLOW,
    toolAdapter: new ToolSet(createFileTools({ root })),
  });
  expect(log.error).toBeUndefined();
  expect(log.status).toBe("success");
  expect(log.outputs).toEqual({
    paths: [
      { path: "notes/one.md", type: "file", size: 5 },
      { path: "notes/two.md", type: "file", size: 6 },
    ],
    contents: [{ content: "first" }, { content: "second" }],
  });
});

it("fails the run with the tool's error when a path escapes the root", async () => {
  const log = await runWorkflowSkill({
    content: WORKFLOW,
    inputs: { folder: ".." },
    toolAdapter: new ToolSet(createFileTools({ root })),
  });
  expect(log.status).toBe("failed");
  expect(log.steps[0]?.error).toBe('Tool "file_list": Path ".." escapes the workspace root');
});
