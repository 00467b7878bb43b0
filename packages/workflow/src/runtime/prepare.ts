// Parse → validate → compile, cached: a document's text is parsed and compiled once, then reused by every run.
import { compile, type Plan } from "../compile/plan.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import { ExpressionCache } from "../expression/cache.js";
import type { ToolAdapter } from "../model/adapter.js";
import type { WorkflowDefinition } from "../model/schema.js";
import { parseWorkflowDocument, type ParseOutcome } from "../parse/document.js";
import { validateDefinition } from "../validate/index.js";
import type { TypeCheckMode } from "./options.js";

/** Static validation (everything but tool availability) and, when valid, the compiled plan. */
interface Analysis {
  diagnostics: Diagnostic[];
  plan: Plan | undefined;
}

/** A parsed workflow with its memoised analyses per type-check mode. */
export class PreparedWorkflow {
  readonly expressions = new ExpressionCache();
  private readonly analyses = new Map<TypeCheckMode, Analysis>();
  #composes: boolean | undefined;

  constructor(
    readonly workflow: WorkflowDefinition,
    readonly sourceMap: SourceMap | undefined,
  ) {}

  /** [EXT §13.5] Whether any step is a `workflow` step (computed once per prepared document). */
  get composes(): boolean {
    this.#composes ??=
      Array.isArray(this.workflow.steps) && this.workflow.steps.some((s) => s.type === "workflow");
    return this.#composes;
  }

  private analyze(mode: TypeCheckMode): Analysis {
    let analysis = this.analyses.get(mode);
    if (!analysis) {
      const diagnostics = this.check(mode, undefined);
      const errors = diagnostics.some((d) => d.severity === "error");
      analysis = {
        diagnostics,
        plan: errors ? undefined : compile(this.workflow, this.expressions),
      };
      this.analyses.set(mode, analysis);
    }
    return analysis;
  }

  private check(mode: TypeCheckMode, toolAdapter: ToolAdapter | undefined): Diagnostic[] {
    const options: Parameters<typeof validateDefinition>[1] = {
      typeCheck: mode,
      expressions: this.expressions,
    };
    if (toolAdapter) options.toolAdapter = toolAdapter;
    if (this.sourceMap) options.sourceMap = this.sourceMap;
    return validateDefinition(this.workflow, options);
  }

  /**
   * Validation diagnostics (V18 included when an adapter is given) and the plan when there are no errors.
   * With `rethrow`, an exception from `has` propagates (a run then fails in phase execute, K29).
   */
  validate(mode: TypeCheckMode, toolAdapter: ToolAdapter | undefined, rethrow = false): Analysis {
    const analysis = this.analyze(mode);
    if (!toolAdapter || !missingTool(this.workflow, toolAdapter, rethrow)) return analysis;
    // Rare path: recompute with the adapter so V18 errors keep their place in the documented order.
    return { diagnostics: this.check(mode, toolAdapter), plan: undefined };
  }
}

function missingTool(
  workflow: WorkflowDefinition,
  adapter: ToolAdapter,
  rethrow: boolean,
): boolean {
  for (const step of workflow.steps) {
    if (step.type !== "tool") continue;
    try {
      if (!adapter.has(step.tool)) return true;
    } catch (error) {
      if (rethrow) throw error;
      return true;
    }
  }
  return false;
}

/** A parse outcome plus, when it succeeded, its prepared workflow. */
export type PreparedContent = ParseOutcome & { prepared?: PreparedWorkflow };

const MAX_ENTRIES = 128;
const MAX_CACHED_LENGTH = 1024 * 1024;
const byContent = new Map<string, PreparedContent>();

/** Parses `content` once per distinct text (bounded LRU), so repeated runs skip parsing and compiling. */
export function prepareContent(content: string): PreparedContent {
  const hit = byContent.get(content);
  if (hit) {
    byContent.delete(content);
    byContent.set(content, hit);
    return hit;
  }
  const outcome = parseWorkflowDocument(content);
  const entry: PreparedContent = outcome.ok
    ? { ...outcome, prepared: new PreparedWorkflow(outcome.workflow, outcome.sourceMap) }
    : outcome;
  if (content.length <= MAX_CACHED_LENGTH) {
    byContent.set(content, entry);
    if (byContent.size > MAX_ENTRIES) byContent.delete(byContent.keys().next().value!);
  }
  return entry;
}

/** Drops every cached document (for hosts that want to bound memory precisely, and for benchmarks). */
export function clearWorkflowCache(): void {
  byContent.clear();
}
