// Run history for the CLI: where it lives, opening it, and recording one run without ever breaking it.
import path from "node:path";
import {
  defaultHistoryPath,
  openSqliteRunStore,
  type RunRecorder,
  type RunStore,
  type SqliteRunStoreOptions,
} from "@skillflow/store";
import { redactDeep, secretValuesOf, type RunLog, type RuntimeEvent } from "@skillflow/workflow";
import type { CliConfig } from "./config.js";
import { CliError } from "./errors.js";
import type { Io, Writer } from "./io.js";

/** Opens the run history; the default is `openSqliteRunStore`. Tests may pass another store. */
export type OpenStore = (options: SqliteRunStoreOptions) => RunStore;

/**
 * Store options from the configuration: `history.path` (relative to the working folder), else
 * `$SKILLFLOW_HOME/history.db`, else `<project>/.skillflow/history.db`.
 */
export function historyOptions(io: Io, config: CliConfig): SqliteRunStoreOptions {
  const history = config.history ?? {};
  const file =
    history.path !== undefined
      ? path.resolve(io.cwd, history.path)
      : defaultHistoryPath({ cwd: io.cwd, env: { ...io.env } });
  return {
    path: file,
    ...(history.verbosity !== undefined ? { verbosity: history.verbosity } : {}),
    ...(history.maxValueBytes !== undefined ? { maxValueBytes: history.maxValueBytes } : {}),
    ...(history.retention !== undefined ? { retention: history.retention } : {}),
  };
}

/** Opens the history for `runs`; a history that cannot be opened is HISTORY_UNAVAILABLE (exit 2). */
export function openHistory(io: Io, config: CliConfig, open: OpenStore = openSqliteRunStore) {
  const options = historyOptions(io, config);
  try {
    return open(options);
  } catch (error) {
    throw new CliError(
      "HISTORY_UNAVAILABLE",
      `cannot open the run history ${options.path}: ${(error as Error).message}`,
    );
  }
}

/** The secret values of an environment, for redaction: the runtime's one list (`secretValuesOf`). */
export const secretValues = secretValuesOf;

/** What is known about a run before it starts. */
export interface RecordingStart {
  id: string;
  source: string;
  inputs: Record<string, unknown>;
  startedAt: string;
  secrets: readonly string[];
}

/**
 * Records one run into a store as it happens. The run is begun on `workflow_start` (which names the
 * workflow); a run that never started (parse or validation failure, cancelled before its first step)
 * is begun and finished from its final log. A failing store prints one warning and is then ignored:
 * history never breaks a run.
 */
export class RunRecording {
  readonly #store: RunStore;
  readonly #start: RecordingStart;
  readonly #warn: Writer;
  #recorder: RunRecorder | undefined;
  #broken = false;

  constructor(store: RunStore, start: RecordingStart, warn: Writer) {
    this.#store = store;
    this.#start = start;
    this.#warn = warn;
  }

  get id(): string {
    return this.#start.id;
  }

  /** Whether the run is (still) being recorded. */
  get ok(): boolean {
    return !this.#broken;
  }

  #guard(action: () => void): void {
    if (this.#broken) return;
    try {
      action();
    } catch (error) {
      this.#broken = true;
      this.#warn.write(`warning: run history disabled for this run: ${(error as Error).message}\n`);
    }
  }

  #begin(workflow: string, startedAt = this.#start.startedAt): void {
    if (this.#recorder) return;
    this.#guard(() => {
      this.#recorder = this.#store.begin({
        id: this.#start.id,
        workflow,
        source: this.#start.source,
        inputs: redactDeep(this.#start.inputs, this.#start.secrets),
        startedAt,
      });
    });
  }

  /** Records one event (already redacted by the runtime). */
  event(event: RuntimeEvent): void {
    // The run starts now (not when the command started), so step start times line up with it.
    if (event.type === "workflow_start") this.#begin(event.workflow, new Date().toISOString());
    this.#guard(() => this.#recorder?.event(event));
  }

  /** Records the final log (already redacted by the runtime). */
  finish(log: RunLog): void {
    this.#begin(log.workflow, log.started_at);
    this.#guard(() => this.#recorder?.finish(log));
  }
}
