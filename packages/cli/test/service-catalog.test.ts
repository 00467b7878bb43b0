// The WorkflowCatalog over skill discovery: runnable skills listed with their declared inputs and
// outputs; load by name or path as `skillflow run` reads them; UNKNOWN_WORKFLOW otherwise.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ServiceError } from "@skillflow/service";
import { describe, expect, it } from "vitest";
import type { Io } from "../src/io.js";
import { createWorkflowCatalog } from "../src/service/catalog.js";
import { temp } from "./helpers.js";

const runnable = (name: string, extra = "") => `---
name: ${name}
description: The ${name} workflow.
---

\`\`\`workflow
inputs:
  url: { type: string, default: "https://example.com" }
outputs:
  echoed: { type: string, value: $inputs.url }
steps:
  - id: child
    type: workflow
    workflow: ${extra || "../helper"}
\`\`\`
`;

const INSTRUCTIONS = "---\nname: notes\ndescription: Only instructions.\n---\n\nDo things.\n";

function catalogIn(
  files: Record<string, string>,
  disabled: string[] = [],
  options: { declared?: string[] } = {},
) {
  const root = temp("skillflow-catalog-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const io: Io = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    isTTY: false,
    cwd: root,
    colors: false,
    env: { SKILLFLOW_HOME: temp("skillflow-home-"), SKILLFLOW_CONFIG_HOME: temp("skillflow-cfg-") },
  };
  return { root, catalog: createWorkflowCatalog(io, { skills: { disabled } }, options) };
}

const FILES = {
  ".agents/skills/zeta/SKILL.md": runnable("zeta"),
  ".agents/skills/alpha/SKILL.md": runnable("alpha"),
  ".agents/skills/helper/SKILL.md": runnable("helper", "../alpha"),
  ".agents/skills/notes/SKILL.md": INSTRUCTIONS,
  "flows/bare.md": runnable("bare"),
};

describe("WorkflowCatalog", () => {
  it("lists the runnable skills sorted by name, with inputs and outputs, not instructions", async () => {
    const { catalog, root } = catalogIn(FILES);
    const list = await catalog.list();
    expect(list.map((w) => w.name)).toEqual(["alpha", "helper", "zeta"]);
    expect(list[0]).toMatchObject({
      name: "alpha",
      description: "The alpha workflow.",
      inputs: { url: { type: "string", default: "https://example.com" } },
      outputs: { echoed: { type: "string" } },
    });
    expect(list[0]!.source).toBe(path.join(root, ".agents/skills/alpha/SKILL.md"));
  });

  it("leaves disabled skills out of the list and refuses to load them", async () => {
    const { catalog } = catalogIn(FILES, ["zeta"]);
    expect((await catalog.list()).map((w) => w.name)).toEqual(["alpha", "helper"]);
    await expect(catalog.load("zeta")).rejects.toMatchObject({ code: "UNKNOWN_WORKFLOW" });
  });

  it("loads by skill name and by path, with a resolver for its workflow steps", async () => {
    const { catalog, root } = catalogIn(FILES);
    const byName = await catalog.load("alpha");
    expect(byName).toMatchObject({
      name: "alpha",
      source: path.join(root, ".agents/skills/alpha/SKILL.md"),
    });
    const resolved = byName.resolveWorkflow?.("../helper", {
      from: byName.source,
      depth: 1,
    } as never);
    expect(resolved?.source).toBe(path.join(root, ".agents/skills/helper/SKILL.md"));
    const byPath = await catalog.load("flows/bare.md");
    expect(byPath).toMatchObject({
      name: "flows/bare.md",
      source: path.join(root, "flows/bare.md"),
    });
  });

  it("refuses an unknown name or path and instructions-only skills with a hint", async () => {
    const { catalog } = catalogIn(FILES);
    for (const ref of ["nope", "flows/missing.md"]) {
      const error = await catalog.load(ref).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({ code: "UNKNOWN_WORKFLOW", details: { workflow: ref } });
    }
    await expect(catalog.load("notes")).rejects.toMatchObject({ code: "INVALID_WORKFLOW" });
  });

  it("refuses a workflow file outside the project, by any path, with how to allow it", async () => {
    const elsewhere = temp("skillflow-elsewhere-");
    const outside = path.join(elsewhere, "evil.md");
    writeFileSync(outside, runnable("alpha"));
    const { catalog, root } = catalogIn(FILES);
    symlinkSync(outside, path.join(root, "flows/link.md"));
    symlinkSync(elsewhere, path.join(root, "flows/dir"));
    const refs = [
      outside,
      path.relative(root, outside),
      `flows/../${path.relative(root, outside)}`,
      "flows/link.md",
      "flows/dir/evil.md",
    ];
    for (const ref of refs) {
      const error = await catalog.load(ref).catch((e: unknown) => e);
      expect(error, ref).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({ code: "UNKNOWN_WORKFLOW", details: { workflow: ref } });
      expect((error as ServiceError).message).toContain("skillflow.config");
    }
    // Inside the project, by an absolute path, or named by the configuration: loaded.
    await expect(catalog.load(path.join(root, "flows/bare.md"))).resolves.toMatchObject({
      source: path.join(root, "flows/bare.md"),
    });
    const declared = catalogIn(FILES, [], { declared: [outside] }).catalog;
    await expect(declared.load(outside)).resolves.toMatchObject({ source: outside });
  });

  it("reads a document anew at each load", async () => {
    const { catalog, root } = catalogIn(FILES);
    const before = await catalog.load("flows/bare.md");
    writeFileSync(path.join(root, "flows/bare.md"), runnable("bare2"));
    const after = await catalog.load("flows/bare.md");
    expect(after.content).not.toBe(before.content);
    expect(after.content).toContain("bare2");
  });
});
