// Every runnable example in examples/ is a valid WorkflowSkill document (tools are checked where they run).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  relativeWorkflowPath,
  validateWorkflowSkill,
  type WorkflowResolver,
} from "../src/index.js";

/** Sub-workflows of examples are their sibling folders, by relative path (as the CLI resolves them). */
const siblings: WorkflowResolver = (ref, { from }) => {
  const file = relativeWorkflowPath(ref, from);
  return file !== undefined && existsSync(file)
    ? { content: readFileSync(file, "utf8"), source: file }
    : undefined;
};

const root = fileURLToPath(new URL("../../../examples/", import.meta.url));
const skills = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(root, entry.name, "SKILL.md"))
  // Folders of skills (examples/skill-library) and instruction skills without a workflow block
  // (examples/commit-message) are checked by the skills and evals packages.
  .filter((file) => existsSync(file) && readFileSync(file, "utf8").includes("```workflow"));

describe("examples", () => {
  it("has examples", () => expect(skills.length).toBeGreaterThan(0));

  it.each(skills)("%s validates with no warnings", (file) => {
    const result = validateWorkflowSkill({
      content: readFileSync(file, "utf8"),
      source: file,
      resolveWorkflow: siblings,
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toBeUndefined();
    expect(result.valid).toBe(true);
  });
});
