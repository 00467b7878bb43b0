// Run history for the CLI: where it lives, opening it for `runs`, and which values are secrets.
import path from "node:path";
import {
  defaultHistoryPath,
  openSqliteRunStore,
  type RunStore,
  type SqliteRunStoreOptions,
} from "@skillflow/store";
import { secretInputValues, secretValuesOf } from "@skillflow/workflow";
import type { CliConfig } from "./config.js";
import { CliError } from "./errors.js";
import type { Io } from "./io.js";
import { historyProblem } from "./runs/problems.js";

/**
 * The values a run must never write (run log, events, history, checkpoints, recordings): those of
 * the environment's secret variables and those given to secret-named inputs (`api_token`, …).
 */
export function runSecrets(
  env: Readonly<Record<string, string | undefined>>,
  inputs: Readonly<Record<string, unknown>>,
): string[] {
  return [...new Set([...secretValuesOf(env), ...secretInputValues(inputs)])];
}

/** Opens the run history; the default is `openSqliteRunStore`. Tests may pass another store. */
export type OpenStore = (options: SqliteRunStoreOptions) => RunStore;

/**
 * Store options from the configuration: `history.path` (relative to the working folder), else
 * `$SKILLFLOW_HOME/history.db`, else `<project>/.skillflow/history.db` (whose folder is created:
 * a `RunStoreError` when it cannot be).
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
    ...(history.checkpoints !== undefined ? { checkpoints: history.checkpoints } : {}),
  };
}

/** The history `runs` reads, and its file (for messages). */
export interface OpenedHistory {
  store: RunStore;
  file: string;
}

/**
 * Opens the history for `runs`. A history that cannot be opened is a user error (exit 2): damaged,
 * locked, full, or else HISTORY_UNAVAILABLE, saying what to do.
 */
export function openHistory(
  io: Io,
  config: CliConfig,
  open: OpenStore = openSqliteRunStore,
): OpenedHistory {
  let file = "the run history";
  try {
    const options = historyOptions(io, config);
    file = options.path;
    return { store: open(options), file };
  } catch (error) {
    throw (
      historyProblem(error, file) ??
      new CliError("HISTORY_UNAVAILABLE", `cannot open ${file}: ${(error as Error).message}`)
    );
  }
}
