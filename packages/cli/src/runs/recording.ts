// Records one `skillflow run` into the history, without ever changing how the run goes or ends.
import {
  createCheckpointRedactor,
  type CheckpointRedactor,
  type RunRecorder,
  type RunStore,
  type SqliteRunStoreOptions,
} from "@skillflow/store";
import {
  maskSecretInputs,
  redactDeep,
  type Checkpoint,
  type RunLog,
  type RuntimeEvent,
} from "@skillflow/workflow";
import type { OpenStore } from "../history.js";
import type { Writer } from "../io.js";
import { historyWarning } from "./problems.js";

/** What is known about a run before it starts. */
export interface RecordingStart {
  id: string;
  source: string;
  inputs: Record<string, unknown>;
  startedAt: string;
  secrets: readonly string[];
}

/**
 * Records one run into the history as it happens. The run is begun on `workflow_start` (which names
 * the workflow); a run that never started (parse or validation failure, cancelled before its first
 * step) is begun and finished from its final log. The first failure of the history (it cannot be
 * opened, is damaged, locked, the disk is full...), wherever it happens (a call, the store's batched
 * writes, the flush at exit), prints one warning; the run then goes on unrecorded.
 */
export class RunRecording {
  readonly #start: RecordingStart;
  readonly #warn: Writer;
  #file = "the run history";
  #retention: SqliteRunStoreOptions["retention"];
  readonly #store: RunStore | undefined;
  #recorder: RunRecorder | undefined;
  #broken = false;
  readonly #redact: CheckpointRedactor;

  /** Opens the history (`options` may throw too: its folder is created) or warns why it cannot. */
  constructor(
    open: OpenStore,
    options: () => SqliteRunStoreOptions,
    start: RecordingStart,
    warn: Writer,
  ) {
    this.#start = start;
    this.#warn = warn;
    this.#redact = createCheckpointRedactor(start.secrets);
    this.#store = this.#attempt(() => {
      // Retention is applied after the run is recorded, so that a failed prune is told apart.
      const { retention, ...rest } = options();
      this.#file = rest.path;
      this.#retention = retention;
      return open({ ...rest, onError: (error) => this.#fail(error) });
    });
  }

  get id(): string {
    return this.#start.id;
  }

  /** Whether the run is (still) being recorded. */
  get ok(): boolean {
    return !this.#broken;
  }

  #fail(error: unknown): void {
    if (this.#broken) return;
    this.#broken = true;
    this.#warn.write(historyWarning("this run is not recorded in the history", error, this.#file));
  }

  #attempt<T>(action: () => T): T | undefined {
    if (this.#broken) return undefined;
    try {
      return action();
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  /** The history, while the run is recorded (the `previous_run` tool reads it). */
  get store(): RunStore | undefined {
    return this.#broken ? undefined : this.#store;
  }

  /** The workflow's name once the run has started (`workflow_start`), as it is recorded. */
  get workflow(): string | undefined {
    return this.#workflow;
  }

  #workflow: string | undefined;

  #begin(workflow: string, startedAt = this.#start.startedAt): void {
    this.#workflow ??= workflow;
    if (this.#recorder || !this.#store) return;
    const store = this.#store;
    this.#recorder = this.#attempt(() =>
      store.begin({
        id: this.#start.id,
        workflow,
        source: this.#start.source,
        inputs: maskSecretInputs(redactDeep(this.#start.inputs, this.#start.secrets)),
        startedAt,
      }),
    );
  }

  /**
   * Takes over a `waiting` or `interrupted` run to continue it in this process (same id, same
   * record). Unlike other history failures this one is thrown: a run another process is already
   * continuing (`STORE_NOT_RESUMABLE`) must not run twice.
   */
  claim(): void {
    if (!this.#store) return;
    this.#recorder = this.#store.resume(this.#start.id);
  }

  /**
   * Saves the run's checkpoint (§13.6), with the secrets the run knows redacted: a resumed run then
   * sees `[REDACTED]` where a secret had reached a value, never the secret in the history file.
   * Secret-named inputs are not kept either: continuing the run asks for them again.
   */
  checkpoint(checkpoint: Checkpoint): void {
    this.#attempt(() => this.#recorder?.checkpoint(this.#redact(checkpoint)));
  }

  /** Records one event (already redacted by the runtime). */
  event(event: RuntimeEvent): void {
    // The run starts now (not when the command started), so step start times line up with it.
    if (event.type === "workflow_start" && event.runId === this.#start.id)
      this.#begin(event.workflow, new Date().toISOString());
    this.#attempt(() => this.#recorder?.event(event));
  }

  /** Records the final log (already redacted by the runtime), then applies the retention. */
  finish(log: RunLog): void {
    this.#begin(log.workflow, log.started_at);
    this.#attempt(() => this.#recorder?.finish(log));
    const retention = this.#retention;
    if (this.#broken || !this.#store || retention === undefined) return;
    try {
      this.#store.prune(retention);
    } catch (error) {
      const what = "the run is recorded, but older runs could not be pruned";
      this.#warn.write(historyWarning(what, error, this.#file));
    }
  }

  /** Releases the history; a failure here is the same one warning. */
  close(): void {
    const store = this.#store;
    if (!store) return;
    try {
      store.close();
    } catch (error) {
      this.#fail(error);
    }
  }
}
