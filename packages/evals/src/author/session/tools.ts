// The session's host tools: list_tools, validate_workflow and dry_run_workflow over the authoring
// core, as a ToolAdapter the agent harness offers the model. Every draft they see is kept.
import type { ToolAdapter, ToolDescriptor, ToolResult } from "@skillflow/workflow";
import { listRunTools } from "../tools.js";
import { parseToolArgs, toolInputSchema } from "../args.js";
import { DryRunArgs, ValidateArgs } from "./_args.js";
import { checkDraft, validateDraft, type CheckContext, type DryRunProposal } from "./check.js";

/** What the tools saw during a round: the last draft and the last dry-run proposal. */
export interface DraftLog {
  /** The last text given to validate_workflow or dry_run_workflow. */
  lastText?: string;
  /** The inputs, fixtures and approvals of the last dry_run_workflow call. */
  proposal: DryRunProposal;
  /** Calls per tool name. */
  calls: Record<string, number>;
}

const DESCRIPTORS: ToolDescriptor[] = [
  {
    name: "list_tools",
    description:
      "The tools a workflow's `tool` steps can call here, with descriptions and input schemas. Use only these names.",
    inputSchema: { type: "object", properties: {}, additionalProperties: false },
  },
  {
    name: "validate_workflow",
    description:
      "Checks the whole SKILL.md (frontmatter and its ```workflow block) without running it: every problem with its code, line, column, path and a hint. Fix them all and validate again until valid is true.",
    inputSchema: toolInputSchema(ValidateArgs),
  },
  {
    name: "dry_run_workflow",
    description:
      "Runs the SKILL.md's workflow with every tool call answered from fixtures (yours, under the recorded and the user's), never a real tool, and returns ok, the problems and the run log: each step's inputs and outputs, the outputs, and calls no fixture answered.",
    inputSchema: toolInputSchema(DryRunArgs),
  },
];

const result = (output: unknown): ToolResult => ({ output });
const refused = (message: string): ToolResult => ({ output: null, error: message });

/** The three tools over `context`; what they see is written to `log`. */
export function sessionTools(context: CheckContext, log: DraftLog): ToolAdapter {
  const count = (name: string) => (log.calls[name] = (log.calls[name] ?? 0) + 1);
  return {
    has: (name) => DESCRIPTORS.some((d) => d.name === name),
    list: () => DESCRIPTORS,
    async invoke(name, args) {
      count(name);
      if (name === "list_tools")
        return result({ tools: context.tools ? listRunTools(context.tools) : [] });
      if (name === "validate_workflow") {
        const parsed = parseToolArgs(ValidateArgs, args);
        if (!parsed.ok) return refused(parsed.message);
        log.lastText = parsed.value.text;
        return result(validateDraft(parsed.value.text, context));
      }
      if (name === "dry_run_workflow") {
        const parsed = parseToolArgs(DryRunArgs, args);
        if (!parsed.ok) return refused(parsed.message);
        const { text, ...proposal } = parsed.value;
        log.lastText = text;
        log.proposal = withoutUndefined(proposal);
        const check = await checkDraft(text, log.proposal, context);
        return result({
          ok: check.ok,
          problems: check.problems,
          ...(check.dryRun ? { run: check.dryRun } : {}),
        });
      }
      return refused(`no tool "${name}": use list_tools, validate_workflow or dry_run_workflow`);
    },
  };
}

function withoutUndefined(p: {
  inputs?: Record<string, unknown> | undefined;
  fixtures?: DryRunProposal["fixtures"] | undefined;
  approvals?: Record<string, { approved: boolean }> | undefined;
}): DryRunProposal {
  const out: DryRunProposal = {};
  if (p.inputs !== undefined) out.inputs = p.inputs;
  if (p.fixtures !== undefined) out.fixtures = p.fixtures;
  if (p.approvals !== undefined) out.approvals = p.approvals;
  return out;
}
