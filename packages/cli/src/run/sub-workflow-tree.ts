// Sub-workflows as `validate` and `graph` show them (§13.5): what the resolver found and why it refused.
import path from "node:path";
import { SkillLibrary, parseSkill } from "@skillflow/skills";
import {
  MAX_WORKFLOW_DEPTH,
  parseWorkflowFromMd,
  type ValidationError,
  type WorkflowDefinition,
} from "@skillflow/workflow";
import type { CliConfig } from "../config.js";
import type { Io } from "../io.js";
import { libraryOptions } from "../skills/load.js";
import {
  workflowResolver,
  type Refusal,
  type ResolvedWorkflow,
  type WorkflowResolver,
} from "./sub-workflows.js";

/** One `workflow` step's child, with its own children. */
export interface SubWorkflow {
  /** The id of the `workflow` step in the parent. */
  step: string;
  /** The reference as written. */
  ref: string;
  /** Where the child was read from (an absolute path). */
  source: string;
  /** The child's frontmatter name, when it has one. */
  name: string | undefined;
  workflow: WorkflowDefinition;
  children: SubWorkflow[];
}

const key = (ref: string, from: string | undefined): string => `${from ?? ""}\0${ref}`;

/**
 * The CLI resolver (`workflowResolver`) plus a record of its answers: the documents it read (by
 * source, for code frames of child errors) and why it refused a reference (for the message).
 */
export class ResolutionLog {
  /** Each document read, by its source. */
  readonly documents = new Map<string, string>();
  /** Pass this as the runtime's `resolveWorkflow` option. */
  readonly resolve: WorkflowResolver;
  private readonly found = new Map<string, ResolvedWorkflow>();
  private readonly refused = new Map<string, Refusal>();
  private readonly parsed = new Map<string, WorkflowDefinition | undefined>();

  constructor(library: () => SkillLibrary | undefined) {
    const inner = workflowResolver(library, (ref, from, refusal) => {
      this.refused.set(key(ref, from), refusal);
    });
    this.resolve = (ref, context) => {
      const k = key(ref, context.from);
      const hit = this.found.get(k) ?? inner(ref, context);
      if (hit !== undefined) {
        this.found.set(k, hit);
        this.documents.set(hit.source, hit.content);
      }
      return hit;
    };
  }

  /** Why `ref` (referenced from `from`) resolved to nothing, in words, if the resolver said. */
  refusal(ref: string, from: string | undefined): string | undefined {
    const refusal = this.refused.get(key(ref, from));
    return refusal === undefined ? undefined : refusalText(ref, refusal);
  }

  /** The document `ref` resolved to from `from`, if it did. */
  lookup(ref: string, from: string): ResolvedWorkflow | undefined {
    return this.found.get(key(ref, from));
  }

  /** The parsed definition of a document read (or of `content` for the top one); undefined if it does not parse. */
  definition(source: string, content = this.documents.get(source)): WorkflowDefinition | undefined {
    if (this.parsed.has(source)) return this.parsed.get(source);
    let workflow: WorkflowDefinition | undefined;
    try {
      workflow = content === undefined ? undefined : parseWorkflowFromMd(content);
    } catch {
      workflow = undefined;
    }
    this.parsed.set(source, workflow);
    return workflow;
  }
}

/** A refusal in words: what was refused and how to fix it. */
export function refusalText(ref: string, refusal: Refusal): string {
  switch (refusal.code) {
    case "OUTSIDE_LIBRARY":
      return `${ref} leaves the skill library ${refusal.root}; references resolve inside it, or name a skill`;
    case "ABSOLUTE_PATH":
      return `${ref} is an absolute path; write a path relative to the referring document (inside its skill library), or name a skill`;
    case "NO_SOURCE":
      return `a relative reference needs the referring document's path; name a skill instead`;
    case "NOT_FOUND":
      return `there is no file ${refusal.path}`;
    case "UNREADABLE":
      return refusal.message;
    case "NO_LIBRARY":
      return `skill names are not looked up here; write a relative path`;
    case "UNKNOWN_SKILL":
      return `${refusal.message} (see skillflow skills list), or reference the document by a relative path`;
    case "NOT_RUNNABLE":
      return `skill ${ref} (${refusal.file}) has no \`\`\`workflow block, so it cannot be called`;
  }
}

/** A path for messages: relative to `cwd` when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative)
    ? file
    : relative;
}

/**
 * A WORKFLOW_UNRESOLVED error with the resolver's reason added: the runtime knows only that the
 * host found nothing. `top` is the validated document's source.
 */
export function explainUnresolved(
  problem: ValidationError,
  log: ResolutionLog,
  top: { source: string; content: string },
): ValidationError {
  if (problem.code !== "WORKFLOW_UNRESOLVED") return problem;
  const match = /^steps(?:\[(\d+)\]|\.(\d+))\.workflow$/.exec(problem.path);
  if (match === null) return problem;
  const from = problem.source ?? top.source;
  const workflow =
    problem.source === undefined ? log.definition(top.source, top.content) : log.definition(from);
  const step = workflow?.steps[Number(match[1] ?? match[2])];
  if (step?.type !== "workflow") return problem;
  const reason = log.refusal(step.workflow, from);
  if (reason === undefined) return problem;
  const message = `Workflow "${step.workflow}" of step "${step.id}" cannot be resolved: ${reason}`;
  return { ...problem, message };
}

/** Most sub-workflows listed or drawn for one document: a document fanning out to the same child
 * from many steps at every level would otherwise make an exponentially large tree. */
export const MAX_SHOWN_SUBWORKFLOWS = 200;

/** The sub-workflows of a document, and whether some were left out (`MAX_SHOWN_SUBWORKFLOWS`). */
export interface SubWorkflowTree {
  workflows: SubWorkflow[];
  truncated: boolean;
}

function collect(
  workflow: WorkflowDefinition,
  from: string,
  log: ResolutionLog,
  walk: { depth: number; left: number; names: Map<string, string | undefined> },
): SubWorkflow[] {
  if (walk.depth >= MAX_WORKFLOW_DEPTH) return [];
  const out: SubWorkflow[] = [];
  for (const step of workflow.steps) {
    if (step.type !== "workflow") continue;
    const found = log.lookup(step.workflow, from);
    const child = found === undefined ? undefined : log.definition(found.source);
    if (found === undefined || child === undefined) continue;
    if (walk.left-- <= 0) break;
    if (!walk.names.has(found.source))
      walk.names.set(found.source, parseSkill(found.content).frontmatter?.name);
    walk.depth++;
    const children = collect(child, found.source, log, walk);
    walk.depth--;
    out.push({
      step: step.id,
      ref: step.workflow,
      source: found.source,
      name: walk.names.get(found.source),
      workflow: child,
      children,
    });
  }
  return out;
}

/** The children of a valid document's `workflow` steps, from what validation resolved. */
export function subWorkflows(
  workflow: WorkflowDefinition,
  from: string,
  log: ResolutionLog,
): SubWorkflowTree {
  const walk = { depth: 1, left: MAX_SHOWN_SUBWORKFLOWS, names: new Map() };
  const workflows = collect(workflow, from, log, walk);
  return { workflows, truncated: walk.left < 0 };
}

/** Whether a document may hold a `workflow` step (any spelling of `type: workflow`). */
const MAY_COMPOSE = /\btype["']?\s*:\s*["']?workflow\b/;

/**
 * A ResolutionLog for `content`: skill names are found through skill discovery under the
 * configuration (read only when the document may compose; the folders are walked only when a
 * name is looked up).
 */
export async function resolutionLog(
  io: Io,
  config: CliConfig | (() => Promise<CliConfig>),
  content: string,
): Promise<ResolutionLog> {
  if (!MAY_COMPOSE.test(content)) return new ResolutionLog(() => undefined);
  const options = await libraryOptions(io, typeof config === "function" ? await config() : config);
  return new ResolutionLog(() => SkillLibrary.load(options));
}

/** A problem placed for `formatDiagnostic`: the problem, the text it points into and the file name. */
export interface PlacedProblem {
  problem: ValidationError;
  content: string;
  file: string;
}

/**
 * Where to print a problem: in a child's file (its name and text, for the code frame) when it is
 * there, without the runtime's `In "<source>": ` prefix (the file name says it); else in `top`.
 */
export function placeProblem(
  problem: ValidationError,
  log: ResolutionLog,
  top: { display: string; content: string },
  cwd: string,
): PlacedProblem {
  const source = problem.source;
  if (source === undefined) return { problem, content: top.content, file: top.display };
  const prefix = `In "${source}": `;
  const message = problem.message.startsWith(prefix)
    ? problem.message.slice(prefix.length)
    : problem.message;
  return {
    problem: { ...problem, message },
    content: log.documents.get(source) ?? "",
    file: displayPath(source, cwd),
  };
}
