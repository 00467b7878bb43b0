// The public façade: chains parse, validate, bind inputs, compile and execute; never rejects (§8.1).
import {
  bracketPath,
  dotPath,
  toValidationError,
  type Diagnostic,
} from "../diagnostics/diagnostic.js";
import { execute } from "../execute/run.js";
import { safeEmitter, stampRunId } from "../execute/state.js";
import { errorMessage } from "../execute/failure.js";
import type { ToolAdapter } from "../model/adapter.js";
import type { RunLog, RuntimeEvent, ValidationError, ValidationResult } from "../model/run-log.js";
import type { WorkflowDefinition } from "../model/schema.js";
import type { RuntimeServices } from "../model/services.js";
import { sourceMapOf } from "../parse/document.js";
import { VALIDATION_FAILED_MESSAGE } from "../parse/workflow.js";
import { redactDeep } from "../model/secrets.js";
import { bindInputs } from "../validate/inputs.js";
import { defaultServices, withDefaults } from "./defaults.js";
import { buildFailedRunLog } from "./failed-log.js";
import type {
  RunOptions,
  RunWorkflowSkillOptions,
  TypeCheckMode,
  ValidateWorkflowOptions,
  ValidateWorkflowSkillOptions,
  ValidateWorkflowSkillResult,
} from "./options.js";
import { sha256Hex, sortedJson } from "./hash.js";
import { PreparedWorkflow, prepareContent, type PreparedContent } from "./prepare.js";
import { composeWorkflow, type Composed } from "./compose.js";
import { compositionOf } from "./child-runner.js";
import { treeHasApprovals } from "../execute/composition.js";
import type { WorkflowResolver } from "../model/compose.js";
import { childrenGate, resumeGate } from "./resume.js";

type Failed = Extract<PreparedContent, { ok: false }>;

/** The public form of validate-phase diagnostics of one severity (bracket paths, §5). */
function publicOf(
  diagnostics: readonly Diagnostic[],
  severity: Diagnostic["severity"],
): ValidationError[] {
  return diagnostics
    .filter((d) => d.severity === severity)
    .map((d) => toValidationError(d, bracketPath(d.path)));
}

const validateErrors = (diagnostics: readonly Diagnostic[]): ValidationError[] =>
  publicOf(diagnostics, "error");
const warningsOf = (diagnostics: readonly Diagnostic[]): ValidationError[] =>
  publicOf(diagnostics, "warning");

/** Failures about the document as a whole: no details in the run log, as in the reference (§7.3). */
const WHOLE_DOCUMENT: ReadonlySet<string> = new Set([
  "EMPTY_CONTENT",
  "NO_WORKFLOW_BLOCK",
  "DOCUMENT_TOO_LARGE",
]);

/** Run-log details of a parse failure: located schema and YAML problems; none for whole-document failures. */
function parseDetails(failed: Failed): ValidationError[] {
  return failed.diagnostics.every((d) => WHOLE_DOCUMENT.has(d.code)) ? [] : parseErrors(failed);
}

/** Parse-phase errors: schema problems keep their dotted paths; other failures read `parse` (§5.4). */
function parseErrors(failed: Failed): ValidationError[] {
  if (failed.message === VALIDATION_FAILED_MESSAGE && failed.diagnostics.length > 0) {
    return failed.diagnostics.map((d) => toValidationError(d, dotPath(d.path)));
  }
  if (failed.diagnostics.length === 0) return [{ path: "parse", message: failed.message }];
  return failed.diagnostics.map((d) => toValidationError(d, "parse"));
}

interface Common {
  inputs?: Record<string, unknown> | undefined;
  toolAdapter: ToolAdapter;
  onEvent?: RunOptions["onEvent"];
  signal?: AbortSignal | undefined;
  typeCheck?: TypeCheckMode | undefined;
  secrets?: readonly string[] | undefined;
  iterationErrors?: boolean | undefined;
  resolveWorkflow?: WorkflowResolver | undefined;
  source?: string | undefined;
  runId?: string | undefined;
  onCheckpoint?: RunOptions["onCheckpoint"];
  resume?: RunOptions["resume"];
  allowChangedWorkflow?: boolean | undefined;
  approve?: RunOptions["approve"];
}

/** Validates, binds inputs and executes a prepared workflow. */
async function runPrepared(
  prepared: PreparedWorkflow,
  name: string,
  options: Common,
  services: RuntimeServices,
  startedAt: number,
  hashText: () => string,
): Promise<RunLog> {
  const resume = options.resume;
  // §13.9.8: the hash is computed only when a durable option asks for it.
  const hash =
    options.onCheckpoint !== undefined || resume !== undefined
      ? await sha256Hex(hashText())
      : undefined;
  if (resume !== undefined) {
    const gated = resumeGate(
      resume,
      hash!,
      options.allowChangedWorkflow === true,
      name,
      services,
      startedAt,
    );
    // A stored final log holds full values: redact it like any returned log.
    if (gated !== undefined) {
      const secrets = options.secrets ?? [];
      return secrets.length === 0 ? gated : redactDeep(gated, secrets);
    }
  }
  const mode = options.typeCheck ?? "on";
  const { diagnostics, plan } = prepared.validate(mode, options.toolAdapter, true);
  const composed = prepared.composes
    ? composeWorkflow(prepared, {
        resolveWorkflow: options.resolveWorkflow,
        source: options.source,
        typeCheck: mode,
        toolAdapter: options.toolAdapter,
        rethrow: true,
      })
    : undefined;
  if (resume !== undefined && composed !== undefined && options.allowChangedWorkflow !== true) {
    const refused = await childrenGate(resume, composed.children, name, services, startedAt);
    if (refused !== undefined) return refused;
  }
  const bound = bindInputs(
    prepared.workflow,
    resume !== undefined ? resume.inputs : options.inputs,
    prepared.sourceMap ? { typeCheck: mode, sourceMap: prepared.sourceMap } : { typeCheck: mode },
  );
  const errors = [
    ...validateErrors(diagnostics),
    ...(composed ? validateErrors(composed.diagnostics) : []),
    ...validateErrors(bound.diagnostics),
  ];
  if (errors.length > 0 || !plan) {
    const message = `Workflow validation failed: ${errors.map((e) => e.message).join("; ")}`;
    const failed = buildFailedRunLog(
      name,
      { phase: "validate", message, details: errors },
      startedAt,
      services,
    );
    // [EXT §13.9.5] The host's id names the run whatever phase it failed in.
    const id = options.runId ?? resume?.runId;
    if (id !== undefined) failed.id = id;
    return failed;
  }
  const secrets = options.secrets ?? [];
  const deliver = safeEmitter(options.onEvent);
  const sink =
    secrets.length === 0 ? deliver : (event: RuntimeEvent) => deliver(redactDeep(event, secrets));
  const runId = options.runId ?? resume?.runId ?? services.newId();
  const durable =
    hash !== undefined ||
    options.approve !== undefined ||
    plan.hasApprovals ||
    (composed !== undefined && treeHasApprovals(composed.children))
      ? {
          onCheckpoint: options.onCheckpoint,
          approve: options.approve,
          workflowHash: hash,
          resume,
        }
      : undefined;
  const log = await execute({
    plan,
    workflowName: name,
    inputs: bound.inputs,
    adapter: options.toolAdapter,
    services,
    runId,
    startedAt,
    emit: stampRunId(sink, runId),
    signal: options.signal,
    typeCheck: mode === "on",
    iterationErrors: options.iterationErrors,
    compose: composed && composition(composed, options, services, sink, mode),
    durable,
  });
  return secrets.length === 0 ? log : redactDeep(log, secrets);
}

/** The child runner of a composed run: every child shares the top run's adapter, services and sink. */
function composition(
  composed: Composed,
  options: Common,
  services: RuntimeServices,
  emit: (event: RuntimeEvent) => void,
  typeCheck: TypeCheckMode,
) {
  const root = {
    adapter: options.toolAdapter,
    services,
    emit,
    typeCheck,
    iterationErrors: options.iterationErrors,
  };
  return compositionOf(root, composed.children);
}

/** What a guarded run body may update before it fails: the workflow name (§1.6). */
interface RunFrame {
  name: string;
  /** [EXT §13.9.5] The host's run id (`runId`, else the resumed checkpoint's). */
  id?: string | undefined;
}

/**
 * Runs `body` so that nothing escapes as a rejection (§8.1, K29): an unexpected exception becomes a
 * failed log in phase `execute`; if the host's own services (clock, ids) are what failed, the log is
 * built with the default services instead.
 */
async function guarded(
  frame: RunFrame,
  partial: () => Partial<RuntimeServices> | undefined,
  body: (services: RuntimeServices, startedAt: number) => Promise<RunLog>,
): Promise<RunLog> {
  let services = defaultServices;
  let startedAt: number | undefined;
  try {
    services = withDefaults(partial());
    startedAt = services.now();
    if (!Number.isFinite(startedAt))
      throw new Error(`services.now() returned ${String(startedAt)}`);
    return await body(services, startedAt);
  } catch (error) {
    const failure = { phase: "execute", message: errorMessage(error) } as const;
    let log: RunLog;
    try {
      log = buildFailedRunLog(frame.name, failure, startedAt, services);
    } catch {
      log = buildFailedRunLog(frame.name, failure, undefined, defaultServices);
    }
    if (frame.id !== undefined) log.id = frame.id;
    return log;
  }
}

/** The host's id of the run, read without trusting `options` to be an object (K29: never reject). */
function hostRunId(options: Common | undefined): string | undefined {
  try {
    const id: unknown = options?.runId ?? options?.resume?.runId;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a SKILL.md (or bare workflow YAML) document; resolves with a RunLog in every case. */
export function runWorkflowSkill(options: RunWorkflowSkillOptions): Promise<RunLog> {
  const frame: RunFrame = { name: "inline", id: hostRunId(options) };
  return guarded(
    frame,
    () => options.services,
    async (services, startedAt) => {
      frame.name = options.workflowName ?? frame.name;
      const parsed = prepareContent(options.content);
      if (!parsed.ok) {
        const failure = {
          phase: "parse",
          message: parsed.message,
          details: parseDetails(parsed),
        } as const;
        const log = buildFailedRunLog(frame.name, failure, startedAt, services);
        // [EXT §13.9.5] The host's id names the run whatever phase it failed in.
        if (frame.id !== undefined) log.id = frame.id;
        return log;
      }
      frame.name = parsed.name ?? frame.name;
      return runPrepared(parsed.prepared!, frame.name, options, services, startedAt, () =>
        String(options.content),
      );
    },
  );
}

/** Runs a parsed workflow definition; resolves with a RunLog in every case (§11 K29). */
export function runWorkflow(options: RunOptions): Promise<RunLog> {
  const frame: RunFrame = { name: "unnamed", id: hostRunId(options) };
  return guarded(
    frame,
    () => options.services,
    (services, startedAt) => {
      frame.name = options.workflowName ?? frame.name;
      const prepared = new PreparedWorkflow(options.workflow, sourceMapOf(options.workflow));
      return runPrepared(prepared, frame.name, options, services, startedAt, () =>
        sortedJson(options.workflow),
      );
    },
  );
}

/** Validates a document without running it (§5.4); tool availability only when an adapter is given. */
export function validateWorkflowSkill(
  options: ValidateWorkflowSkillOptions,
): ValidateWorkflowSkillResult {
  const parsed = prepareContent(options.content);
  if (!parsed.ok) {
    const result: ValidateWorkflowSkillResult = { valid: false, errors: parseErrors(parsed) };
    if (parsed.warnings.length > 0) result.warnings = warningsOf(parsed.warnings);
    return result;
  }
  const mode = options.typeCheck ?? "on";
  const prepared = parsed.prepared!;
  const { diagnostics } = prepared.validate(mode, options.toolAdapter);
  const composed = prepared.composes
    ? composeWorkflow(prepared, {
        resolveWorkflow: options.resolveWorkflow,
        source: options.source,
        typeCheck: mode,
        toolAdapter: options.toolAdapter,
      })
    : undefined;
  const errors = [
    ...validateErrors(diagnostics),
    ...(composed ? validateErrors(composed.diagnostics) : []),
  ];
  const warnings = [...warningsOf(parsed.warnings), ...warningsOf(diagnostics)];
  const result: ValidateWorkflowSkillResult =
    errors.length > 0
      ? { valid: false, errors }
      : {
          valid: true,
          errors: [],
          ...(parsed.name === undefined ? {} : { name: parsed.name }),
          stepCount: parsed.workflow.steps.length,
          stepTypes: [...new Set(parsed.workflow.steps.map((s) => s.type))],
        };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/**
 * Validates a parsed definition (validate phase only, §5.2); V18 only with an adapter. A definition
 * with `workflow` steps is composed through `options.resolveWorkflow` (§13.5).
 */
export function validateWorkflow(
  workflow: WorkflowDefinition,
  toolAdapter?: ToolAdapter,
  options: ValidateWorkflowOptions = {},
): ValidationResult {
  const prepared = new PreparedWorkflow(workflow, sourceMapOf(workflow));
  const diagnostics = prepared.validate("on", toolAdapter).diagnostics;
  const composed = prepared.composes
    ? composeWorkflow(prepared, {
        resolveWorkflow: options.resolveWorkflow,
        source: options.source,
        typeCheck: "on",
        toolAdapter,
      }).diagnostics
    : [];
  const errors = validateErrors([...diagnostics, ...composed]);
  return { valid: errors.length === 0, errors };
}
