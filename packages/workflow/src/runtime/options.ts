// Options of the public entry points (§8.1), with this project's additive [EXT] fields.
import type { ToolAdapter } from "../model/adapter.js";
import type { WorkflowResolver } from "../model/compose.js";
import type { ApproveCallback, Checkpoint, ResumeOptions } from "../model/durable.js";
import type { RuntimeEvent, ValidationError } from "../model/run-log.js";
import type { WorkflowDefinition } from "../model/schema.js";
import type { RuntimeServices } from "../model/services.js";

/** `"on"` (default) enforces declared types (§12 D1); `"off"` restores the untyped reference behaviour. */
export type TypeCheckMode = "on" | "off";

interface CommonRunOptions {
  inputs?: Record<string, unknown>;
  toolAdapter: ToolAdapter;
  /** Fallback workflow name. */
  workflowName?: string;
  /** Called synchronously, in order; exceptions it throws are ignored. */
  onEvent?: (event: RuntimeEvent) => void;
  /** [EXT §10.5] Cancels the run. */
  signal?: AbortSignal;
  /** [EXT §12 D1] Type enforcement; default `"on"`. */
  typeCheck?: TypeCheckMode;
  /** [EXT] Clock, ids and sleep; defaults are wall time, UUID v4 and timers. */
  services?: Partial<RuntimeServices>;
  /**
   * [EXT] Secret values (API keys, tokens) to redact wherever they would appear in the returned run log
   * and in events. Values under secret argument names (`headers.Authorization`, `api_key`, …) are
   * always masked in step records, with or without this list.
   */
  secrets?: readonly string[];
  /**
   * [EXT] Failed `each` step records also list every failed iteration as `iteration_errors:
   * [{ index, error }]`. Off by default, so a host that does not ask gets exactly the §1–§12 record.
   */
  iterationErrors?: boolean;
  /**
   * [EXT §13.5] Finds the document of each `workflow:` reference (synchronously). Without it a
   * `workflow` step is a validate error `WORKFLOW_UNRESOLVED`: the core does no I/O.
   */
  resolveWorkflow?: WorkflowResolver;
  /** [EXT §13.9.12] Where the top document came from (a path or URL): `from` for its references. */
  source?: string;
  /** [EXT §13.6, §13.9.5] The host's id for this run: `RunLog.id`, the tools' `runId`, every event's `runId`. */
  runId?: string;
  /**
   * [EXT §13.6] Called and awaited after every completed step, every finished `each` iteration, at
   * suspension and once at the end (with `final`). A rejection fails the run (`Checkpoint failed: …`).
   */
  onCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  /** [EXT §13.6] Continues a run from its last checkpoint, with decisions for pending approvals. */
  resume?: ResumeOptions;
  /** [EXT §13.6] Resume even though the document changed since the run started. */
  allowChangedWorkflow?: boolean;
  /** [EXT §13.4] Decides approvals in-process (raced against their deadline and cancellation). */
  approve?: ApproveCallback;
}

/** Options of `runWorkflowSkill`: `content` is SKILL.md text or bare workflow YAML. */
export interface RunWorkflowSkillOptions extends CommonRunOptions {
  content: string;
}

/** Options of `runWorkflow`: an already parsed definition. */
export interface RunOptions extends CommonRunOptions {
  workflow: WorkflowDefinition;
}

/** Options of `validateWorkflowSkill`. */
export interface ValidateWorkflowSkillOptions {
  content: string;
  toolAdapter?: ToolAdapter;
  /** [EXT §12 D1] default `"on"`. */
  typeCheck?: TypeCheckMode;
  /** [EXT §13.5] Finds the document of each `workflow:` reference; see the run option. */
  resolveWorkflow?: WorkflowResolver;
  /** [EXT §13.9.12] Where the document came from: `from` for its references. */
  source?: string;
}

/** Options of `validateWorkflow` beyond the adapter: [EXT §13.5] how to find sub-workflows. */
export interface ValidateWorkflowOptions {
  resolveWorkflow?: WorkflowResolver;
  source?: string;
}

/** Result of `validateWorkflowSkill` (§5.4). */
export interface ValidateWorkflowSkillResult {
  valid: boolean;
  errors: ValidationError[];
  /** [EXT] Problems that do not fail validation (e.g. a second workflow block). */
  warnings?: ValidationError[];
  name?: string;
  stepCount?: number;
  stepTypes?: string[];
}
