// What a failure of the run history means to the user: a coded CliError saying what is wrong and what to do.
import { RunStoreError, type RunStoreErrorCode } from "@skillflow/store";
import { CliError, type CliErrorCode } from "../errors.js";

/** The CLI code of each storage failure, and what to do about it (given the file). */
const PROBLEMS: Partial<Record<RunStoreErrorCode, [CliErrorCode, (file: string) => string]>> = {
  STORE_DAMAGED: [
    "HISTORY_DAMAGED",
    (file) =>
      `Move it aside (mv "${file}" "${file}.damaged"): the next skillflow run starts a fresh ` +
      `history there. To see what is wrong, or to rescue the runs it still holds: ` +
      `sqlite3 "${file}.damaged" "PRAGMA integrity_check" (or ".recover")`,
  ],
  STORE_LOCKED: [
    "HISTORY_LOCKED",
    () => "Wait for that process to finish (or stop it), then try again",
  ],
  STORE_FULL: ["HISTORY_FULL", () => "Free some disk space, then try again"],
  STORE_INACCESSIBLE: [
    "HISTORY_UNAVAILABLE",
    () =>
      "Check that you may write to the file and its folder, or record elsewhere " +
      "(history.path in the configuration, or SKILLFLOW_HOME)",
  ],
  STORE_IO: [
    "HISTORY_UNAVAILABLE",
    () =>
      "Check the disk, or record elsewhere (history.path in the configuration, or SKILLFLOW_HOME)",
  ],
  STORE_NEWER_SCHEMA: [
    "HISTORY_UNAVAILABLE",
    () =>
      "Use the newer skillflow that wrote it, or record elsewhere " +
      "(history.path in the configuration, or SKILLFLOW_HOME)",
  ],
};

/**
 * The user error for a failure of the history file (damaged, locked, disk full, unreadable...), or
 * undefined when `error` is something else (a bug stays a bug). `file` names the history when the
 * error does not.
 */
export function historyProblem(error: unknown, file: string): CliError | undefined {
  if (!(error instanceof RunStoreError)) return undefined;
  const problem = PROBLEMS[error.code];
  if (problem === undefined) return undefined;
  const [code, remedy] = problem;
  const where = error.file ?? file;
  // `file` may be the words "the run history" themselves, when no path is known yet.
  const message =
    error.message.includes(where) || where.startsWith("the run history")
      ? error.message
      : `the run history ${where}: ${error.message}`;
  return new CliError(code, `${message}. ${remedy(error.file ?? file)}.`);
}

/** A warning line about the history: `warning CODE: <what> <the problem and what to do>`. */
export function historyWarning(what: string, error: unknown, file: string): string {
  const problem = historyProblem(error, file);
  if (problem) return `warning ${problem.code}: ${what}: ${problem.message}\n`;
  return `warning: ${what}: ${error instanceof Error ? error.message : String(error)}\n`;
}
