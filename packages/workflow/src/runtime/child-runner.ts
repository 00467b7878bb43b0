// [EXT §13.5] Runs a child workflow: binds its inputs and calls the same `execute` with its own state.
import type { ChildRequest, ChildTable, Composition } from "../execute/composition.js";
import { execute } from "../execute/run.js";
import type { ToolAdapter } from "../model/adapter.js";
import type { RunLog, RuntimeEvent, RuntimeEventBody } from "../model/run-log.js";
import type { RuntimeServices } from "../model/services.js";
import { toValidationError, bracketPath } from "../diagnostics/diagnostic.js";
import { bindInputs } from "../validate/inputs.js";
import { buildFailedRunLog } from "./failed-log.js";
import { sha256Hex } from "./hash.js";
import type { TypeCheckMode } from "./options.js";

/** What every run of one tree shares: the top run's adapter, services, event sink and options. */
export interface RunRoot {
  adapter: ToolAdapter;
  services: RuntimeServices;
  emit: (event: RuntimeEvent) => void;
  typeCheck: TypeCheckMode;
  iterationErrors: boolean | undefined;
}

/** A child's event, stamped with the child's `runId` (and its `parent` on `workflow_start`). */
function stamp(event: RuntimeEventBody, request: ChildRequest): RuntimeEvent {
  const stamped =
    event.type === "workflow_start"
      ? { ...event, parent: request.parent, runId: request.runId }
      : { ...event, runId: request.runId };
  return stamped;
}

async function runChild(root: RunRoot, request: ChildRequest): Promise<RunLog> {
  const { child } = request;
  // [EXT §13.9.10] A child that finished in an earlier segment: its final log, nothing runs.
  const final = request.durable?.resume?.final;
  if (final !== undefined) return final;
  const startedAt = root.services.now();
  const bound = bindInputs(child.plan.workflow, request.inputs, { typeCheck: root.typeCheck });
  const errors = bound.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => toValidationError(d, bracketPath(d.path)));
  if (errors.length > 0) {
    const message = `Workflow validation failed: ${errors.map((e) => e.message).join("; ")}`;
    const failure = { phase: "validate", message, details: errors } as const;
    const log = buildFailedRunLog(child.name, failure, startedAt, root.services);
    log.id = request.runId;
    return log;
  }
  const durable = request.durable;
  // [EXT §13.6] A child checkpoint carries its own document's hash, checked when the tree resumes.
  if (durable !== undefined && (durable.onCheckpoint !== undefined || durable.resume !== undefined))
    durable.workflowHash = await sha256Hex(child.content);
  return execute({
    plan: child.plan,
    workflowName: child.name,
    inputs: bound.inputs,
    adapter: root.adapter,
    services: root.services,
    runId: request.runId,
    startedAt,
    emit: (event) => root.emit(stamp(event, request)),
    signal: request.signal,
    typeCheck: root.typeCheck === "on",
    iterationErrors: root.iterationErrors,
    compose: compositionOf(root, child.children),
    durable: request.durable,
  });
}

/** The composition of a document whose `workflow` steps resolved to `children`. */
export function compositionOf(root: RunRoot, children: ChildTable): Composition | undefined {
  if (children.size === 0) return undefined;
  return { children, run: (request) => runChild(root, request) };
}
