// Helpers of the §13.5 composition suite: an in-memory resolver over named documents and a run harness.
import type { ResolvedWorkflow, WorkflowResolver } from "../../src/index.js";
import { dedent, skill } from "../conformance/helpers.js";

export { createTestServices, dedent, json, runSkill, skill } from "../conformance/helpers.js";

/** A resolver over `documents` (key = reference = source); counts its calls. */
export function memoryResolver(documents: Record<string, string>): WorkflowResolver & {
  calls: { ref: string; from: string | undefined }[];
} {
  const calls: { ref: string; from: string | undefined }[] = [];
  const resolver = (
    ref: string,
    context: { from: string | undefined },
  ): ResolvedWorkflow | undefined => {
    calls.push({ ref, from: context.from });
    return Object.hasOwn(documents, ref) ? { content: documents[ref]!, source: ref } : undefined;
  };
  return Object.assign(resolver, { calls });
}

/** A child that echoes its `url` input into a `summary` output through the `digest` tool. */
export const DIGEST = skill(
  `
  inputs:
    url: { type: string }
  outputs:
    summary: { type: string, value: $steps.fetch.output.text }
  steps:
    - id: fetch
      type: tool
      tool: digest
      inputs:
        url: { type: string, value: $inputs.url }
      outputs:
        text: { type: string }
  `,
  "page-digest",
);

/** The line (1-based) of the first line of `content` containing `needle`. */
export function lineOf(content: string, needle: string): number {
  return content.split("\n").findIndex((l) => l.includes(needle)) + 1;
}

/** 1-based line and column of `token` on the first line of `content` containing `needle`. */
export function position(
  content: string,
  needle: string,
  token: string,
): { line: number; column: number } {
  const lines = content.split("\n");
  const index = lines.findIndex((l) => l.includes(needle));
  return { line: index + 1, column: (lines[index] ?? "").indexOf(token) + 1 };
}

/** Re-export for tests that build YAML inline. */
export const yaml = dedent;
