// What both state stores share: the storage error, copies of decisions, and the order of notifications.
import type { Decision } from "@skillflow/workflow";
import { ServiceError } from "../errors.js";
import type { NotificationRecord } from "./types.js";

/** The code of every failure of a state store (its file, or a call after `close`). */
export type StateErrorCode = "STATE_STORAGE";

/** A `STATE_STORAGE` error: what failed, and what to check. */
export function stateStorageError(what: string, cause?: unknown): ServiceError {
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return new ServiceError(
    "STATE_STORAGE",
    `the service state ${what} failed${detail}; check that the file is a writable SQLite database`,
    cause === undefined ? {} : { cause },
  );
}

/** The refusal of a call after `close()`. */
export function stateClosedError(): ServiceError {
  return new ServiceError(
    "STATE_STORAGE",
    "the service state store is closed; open a new one (the service stopped)",
  );
}

/** A decision as stored: its JSON text (the caller's object is never kept). */
export function decisionText(decision: Decision): string {
  return JSON.stringify(decision);
}

/** A notification record as stored: its JSON text. */
export function recordText(record: NotificationRecord): string {
  return JSON.stringify(record);
}

/** The sort key of a record: its time in ms, or null when `at` is not a date (those sort last). */
export function recordTime(record: NotificationRecord): number | null {
  const ms = Date.parse(record.at);
  return Number.isNaN(ms) ? null : ms;
}
