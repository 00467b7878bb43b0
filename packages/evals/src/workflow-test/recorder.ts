// Records every tool call of a real run (a ToolAdapter wrapped around the real one), secrets
// redacted as the run history redacts them, into a `Recording`.
import {
  isSecretName,
  maskSecretArguments,
  REDACTED,
  redactDeep,
  type ApproveCallback,
  type Decision,
  type RunLog,
  type RuntimeEvent,
  type ToolAdapter,
  type ToolInvocationContext,
  type ToolResult,
} from "@skillflow/workflow";
import {
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordedCall,
  type Recording,
} from "./recording.js";

/**
 * The run's inputs as a recording (a file meant to be committed) keeps them: a value under a
 * secret name (`token`, `password`...) at any depth and URL credentials or secret query values
 * masked, as step arguments are, whatever the input is called.
 */
function maskInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(inputs)) {
    const value = inputs[key];
    // `body` is an argument name masked at any depth: the same rule as a step's arguments.
    const masked =
      isSecretName(key) && value !== undefined && value !== null
        ? REDACTED
        : maskSecretArguments({ body: value }).body;
    Object.defineProperty(out, key, {
      value: masked,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Collects the calls of one run. Wrap the run's tool adapter with `wrap`, pass its events to `event`
 * (they name the sub-workflows) and its approver through `approver`; `recording(log)` is the file.
 * Arguments are masked like a step's inputs in the run log (values under secret names, URL
 * credentials) and every value has the run's secret values replaced by `[REDACTED]`.
 */
export class CallRecorder {
  readonly #calls: RecordedCall[] = [];
  readonly #secrets: readonly string[];
  readonly #names = new Map<string, string>();
  readonly #approvals = new Map<string, Decision>();
  #top: string | undefined;

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets;
  }

  /** `adapter`, recording each call it answers (and each call it throws on) in call order. */
  wrap(adapter: ToolAdapter): ToolAdapter {
    const record = (
      tool: string,
      args: Record<string, unknown>,
      context: ToolInvocationContext | undefined,
    ) => {
      const name = context === undefined ? undefined : this.#names.get(context.runId);
      const inChild = context !== undefined && context.runId !== this.#top && name !== undefined;
      const call: RecordedCall = {
        tool,
        step: context?.stepId ?? "?",
        ...(context?.iteration !== undefined ? { iteration: context.iteration } : {}),
        ...(context?.attempt !== undefined ? { attempt: context.attempt } : {}),
        ...(inChild ? { workflow: name } : {}),
        arguments: redactDeep(maskSecretArguments(args), this.#secrets),
      };
      this.#calls.push(call);
      return call;
    };
    const secrets = this.#secrets;
    return {
      has: (name) => adapter.has(name),
      ...(adapter.list ? { list: () => adapter.list!() } : {}),
      async invoke(tool, args, context): Promise<ToolResult> {
        const call = record(tool, args, context);
        try {
          const result = await adapter.invoke(tool, args, context);
          if (result.error !== undefined && result.error !== "") {
            call.error = redactDeep(result.error, secrets);
            if (result.retryable === false) call.retryable = false;
          } else call.output = redactDeep(result.output ?? null, secrets);
          return result;
        } catch (error) {
          call.error = redactDeep(error instanceof Error ? error.message : String(error), secrets);
          throw error;
        }
      },
    };
  }

  /** Notes which run is which workflow (the first `workflow_start` is the recorded run). */
  event(event: RuntimeEvent): void {
    if (event.type !== "workflow_start") return;
    this.#top ??= event.runId;
    this.#names.set(event.runId, event.workflow);
  }

  /** `approve`, recording each decision it gives by the approval's key. */
  approver(approve: ApproveCallback): ApproveCallback {
    return async (request, options) => {
      const decision = await approve(request, options);
      if (decision !== undefined) this.#approvals.set(request.key, decision);
      return decision;
    };
  }

  /** The recording of the run that ended with `log` (already redacted by the runtime). */
  recording(log: RunLog, recordedAt: Date): Recording {
    const recording: Recording = {
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      workflow: log.workflow,
      recorded_at: recordedAt.toISOString(),
      status: log.status,
      inputs: redactDeep(maskInputs(log.inputs), this.#secrets),
      outputs: redactDeep(log.outputs, this.#secrets),
      calls: this.#calls,
    };
    if (this.#approvals.size > 0)
      recording.approvals = redactDeep(Object.fromEntries(this.#approvals), this.#secrets);
    return recording;
  }
}
