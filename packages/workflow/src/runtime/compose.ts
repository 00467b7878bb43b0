// [EXT §13.5] Sub-workflows before a run: resolve, parse and validate every referenced document,
// check the wiring of each `workflow` step against its child, and refuse cycles and deep nesting.
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic, DocPath } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import type { ChildTable, ChildWorkflow } from "../execute/composition.js";
import { errorMessage } from "../execute/failure.js";
import type { ToolAdapter } from "../model/adapter.js";
import {
  MAX_WORKFLOW_DEPTH,
  type ResolvedWorkflow,
  type WorkflowResolver,
} from "../model/compose.js";
import type { WorkflowDefinition, WorkflowStep } from "../model/schema.js";
import { makeDiagnostic, type LocateHint } from "../validate/context.js";
import { checkChildInputs } from "../validate/child-inputs.js";
import type { TypeCheckMode } from "./options.js";
import { prepareContent, type PreparedWorkflow } from "./prepare.js";

/** How to find and check children. */
export interface ComposeOptions {
  resolveWorkflow?: WorkflowResolver | undefined;
  /** The top document's `source`: `from` for its references. */
  source?: string | undefined;
  typeCheck: TypeCheckMode;
  toolAdapter?: ToolAdapter | undefined;
  /** Let an exception from the adapter's `has` propagate (runs, K29). */
  rethrow?: boolean | undefined;
}

/** Every problem found in the tree of children, and the children when there is none. */
export interface Composed {
  diagnostics: Diagnostic[];
  children: ChildTable;
}

/** One document in the tree: its definition, positions and where it came from. */
interface Doc {
  workflow: WorkflowDefinition;
  sourceMap: SourceMap | undefined;
  /** Reported on its diagnostics; undefined for the top document (its errors keep the §5 shape). */
  tag: string | undefined;
  /** `from` for its references. */
  source: string | undefined;
  /** Identities (source, else reference) of the documents from the top to this one. */
  chain: readonly string[];
  depth: number;
}

interface Walk {
  options: ComposeOptions;
  diagnostics: Diagnostic[];
  /** Child documents already walked, by identity (source, else reference). */
  seen: Map<string, Entry>;
}

function push(
  walk: Walk,
  doc: Doc,
  code: DiagnosticCode,
  message: string,
  path: DocPath,
  hint?: LocateHint,
): void {
  const text = doc.tag === undefined ? message : `In "${doc.tag}": ${message}`;
  const diagnostic = makeDiagnostic(code, text, path, doc.sourceMap, hint);
  if (doc.tag !== undefined) diagnostic.source = doc.tag;
  walk.diagnostics.push(diagnostic);
}

/** A child's own diagnostics, tagged with the child's source and saying so in their message. */
function adopt(walk: Walk, tag: string, list: readonly Diagnostic[]): void {
  for (const d of list)
    walk.diagnostics.push({ ...d, message: `In "${tag}": ${d.message}`, source: tag });
}

function resolve(
  walk: Walk,
  doc: Doc,
  step: WorkflowStep,
  i: number,
): ResolvedWorkflow | undefined {
  const path = ["steps", i, "workflow"];
  const ref = step.workflow;
  const resolver = walk.options.resolveWorkflow;
  if (resolver === undefined) {
    push(
      walk,
      doc,
      "WORKFLOW_UNRESOLVED",
      `Workflow "${ref}" of step "${step.id}" cannot be resolved: the host gave no resolveWorkflow option (pass one that maps skill names and relative paths to documents)`,
      path,
    );
    return undefined;
  }
  let found: ResolvedWorkflow | undefined;
  try {
    found = resolver(ref, { from: doc.source });
  } catch (error) {
    push(
      walk,
      doc,
      "WORKFLOW_UNRESOLVED",
      `Workflow "${ref}" of step "${step.id}" cannot be resolved: ${errorMessage(error)}`,
      path,
    );
    return undefined;
  }
  if (found === undefined || found === null || typeof found.content !== "string") {
    const from = doc.source === undefined ? "" : ` (looked up for "${doc.source}")`;
    push(
      walk,
      doc,
      "WORKFLOW_UNRESOLVED",
      `Workflow "${ref}" of step "${step.id}" was not found${from}; check the skill name or the relative path`,
      path,
    );
    return undefined;
  }
  return found;
}

/** Checks the loop and depth limits; false when the child must not be entered. */
function admissible(
  walk: Walk,
  doc: Doc,
  step: WorkflowStep,
  i: number,
  identity: string,
): boolean {
  const path = ["steps", i, "workflow"];
  const at = doc.chain.indexOf(identity);
  if (at >= 0) {
    const loop = [...doc.chain.slice(at), identity].join(" → ");
    push(
      walk,
      doc,
      "WORKFLOW_CYCLE",
      `Workflow "${step.workflow}" of step "${step.id}" closes a reference cycle: ${loop}; a workflow cannot call itself, directly or through others`,
      path,
    );
    return false;
  }
  if (doc.depth + 1 > MAX_WORKFLOW_DEPTH) {
    push(
      walk,
      doc,
      "WORKFLOW_DEPTH",
      `Workflow "${step.workflow}" of step "${step.id}" would nest ${doc.depth + 1} documents deep; at most ${MAX_WORKFLOW_DEPTH} are allowed (the top document counts as 1)`,
      path,
    );
    return false;
  }
  return true;
}

/** What walking one child document gave: its definition (when it parsed) and, when sound, its link. */
interface Entry {
  content: string;
  /** The depth it was walked at: a sound subtree also fits at this depth or above. */
  depth: number;
  workflow: WorkflowDefinition | undefined;
  child: ChildWorkflow | undefined;
}

/**
 * Parses, validates and walks a child document once per validation. A document referenced again
 * (a diamond, a fan-out) reuses its entry: a sound subtree has no cycle through any of its callers
 * and fits at the same depth or above; an unsound one has already reported its problems. This keeps
 * a wide tree linear instead of exponential.
 */
function enter(
  walk: Walk,
  doc: Doc,
  identity: string,
  ref: string,
  found: ResolvedWorkflow,
): Entry {
  const { content } = found;
  const depth = doc.depth + 1;
  const seen = walk.seen.get(identity);
  if (seen?.content === content && (seen.child === undefined || depth <= seen.depth)) return seen;
  const entry: Entry = { content, depth, workflow: undefined, child: undefined };
  const before = walk.diagnostics.length;
  const parsed = prepareContent(content);
  if (!parsed.ok) {
    const fallback: Diagnostic = {
      code: "INVALID_ROOT",
      severity: "error",
      message: parsed.message,
      path: [],
    };
    adopt(walk, identity, parsed.diagnostics.length > 0 ? parsed.diagnostics : [fallback]);
  } else {
    const prepared: PreparedWorkflow = parsed.prepared!;
    const { options } = walk;
    const analysis = prepared.validate(options.typeCheck, options.toolAdapter, options.rethrow);
    adopt(
      walk,
      identity,
      analysis.diagnostics.filter((d) => d.severity === "error"),
    );
    const children = walkDoc(walk, {
      workflow: prepared.workflow,
      sourceMap: prepared.sourceMap,
      tag: identity,
      source: typeof found.source === "string" ? found.source : undefined,
      chain: [...doc.chain, identity],
      depth,
    });
    entry.workflow = prepared.workflow;
    if (analysis.plan !== undefined && walk.diagnostics.length === before) {
      entry.child = { ref, name: parsed.name ?? ref, plan: analysis.plan, children, content };
    }
  }
  walk.seen.set(identity, entry);
  return entry;
}

/** Resolves, validates and links the child of one `workflow` step; undefined when it has problems. */
function link(walk: Walk, doc: Doc, step: WorkflowStep, i: number): ChildWorkflow | undefined {
  const found = resolve(walk, doc, step, i);
  if (found === undefined) return undefined;
  const identity = typeof found.source === "string" ? found.source : step.workflow;
  if (!admissible(walk, doc, step, i, identity)) return undefined;
  const entry = enter(walk, doc, identity, step.workflow, found);
  const before = walk.diagnostics.length;
  if (entry.workflow !== undefined) {
    for (const problem of checkChildInputs(step, entry.workflow, walk.options.typeCheck === "on")) {
      push(walk, doc, problem.code, problem.message, ["steps", i, ...problem.path], problem.hint);
    }
  }
  return walk.diagnostics.length === before ? entry.child : undefined;
}

function walkDoc(walk: Walk, doc: Doc): ChildTable {
  const table = new Map<string, ChildWorkflow>();
  const steps = Array.isArray(doc.workflow.steps) ? doc.workflow.steps : [];
  steps.forEach((step, i) => {
    if (step.type !== "workflow") return;
    const child = link(walk, doc, step, i);
    if (child !== undefined) table.set(step.id, child);
  });
  return table;
}

/**
 * Resolves, parses and validates every document referenced from `prepared`, recursively, before
 * anything runs (§13.5). Child problems carry the child's `source`; each child compiles once (the
 * document cache is keyed by content).
 */
export function composeWorkflow(prepared: PreparedWorkflow, options: ComposeOptions): Composed {
  const walk: Walk = { options, diagnostics: [], seen: new Map() };
  const top = options.source;
  const children = walkDoc(walk, {
    workflow: prepared.workflow,
    sourceMap: prepared.sourceMap,
    tag: undefined,
    source: top,
    chain: top === undefined ? [] : [top],
    depth: 1,
  });
  return { diagnostics: walk.diagnostics, children };
}
