// Store-independent checkpoint rules: the JSON a checkpoint is saved as, and when finish drops it.
import type { Checkpoint } from "@skillflow/workflow";
import type { ResolvedOptions } from "./_record.js";
import { RunStoreError, type StoredRunStatus } from "./store.js";

/**
 * The JSON text a checkpoint is saved as: full values, nothing truncated. Refuses (with
 * `STORE_INVALID_CHECKPOINT`) a checkpoint of another run, and one that JSON cannot hold, rather than
 * saving something resume could not use.
 */
export function checkpointJson(runId: string, cp: Checkpoint): string {
  if (typeof cp !== "object" || cp === null || Array.isArray(cp))
    throw new RunStoreError(
      "STORE_INVALID_CHECKPOINT",
      `Checkpoint of run ${runId} is not an object; pass the checkpoint the runtime gave onCheckpoint`,
    );
  if (cp.runId !== runId)
    throw new RunStoreError(
      "STORE_INVALID_CHECKPOINT",
      `Checkpoint of run ${String(cp.runId)} given to the recorder of run ${runId}; pass runId: ${JSON.stringify(runId)} to the run options`,
    );
  let text: string;
  try {
    text = JSON.stringify(cp);
  } catch (error) {
    throw new RunStoreError(
      "STORE_INVALID_CHECKPOINT",
      `Checkpoint of run ${runId} is not JSON (${(error as Error).message}); checkpoints hold only JSON values`,
      { cause: error },
    );
  }
  // An object with a toJSON that returns something else.
  if (!text.startsWith("{"))
    throw new RunStoreError(
      "STORE_INVALID_CHECKPOINT",
      `Checkpoint of run ${runId} is not a JSON object; pass the checkpoint the runtime gave onCheckpoint`,
    );
  return text;
}

/** Whether finishing a run with `status` deletes its checkpoint (`waiting` always keeps it). */
export function dropsCheckpoint(status: StoredRunStatus, options: ResolvedOptions): boolean {
  return status !== "waiting" && options.checkpoints === "drop";
}

/** The texts of the checkpoint records a recorder saved last, and the record objects they came from. */
export interface SavedRecords {
  objects: unknown[];
  texts: string[];
}

/** A checkpoint split for saving: the rest as one JSON text, and each record's JSON text. */
export interface CheckpointParts {
  head: string;
  records: string[];
  /** Indexes of the records whose text differs from `previous`. */
  changed: number[];
}

/**
 * `checkpointJson`, split: the checkpoint without its records, and each record alone, so that a
 * store writes only the records that changed since `previous` (a run adds one per step; records
 * are immutable once made, so the same object is not stringified twice). Same refusals.
 */
export function checkpointParts(
  runId: string,
  cp: Checkpoint,
  previous: SavedRecords | undefined,
): CheckpointParts {
  if (typeof cp !== "object" || cp === null || Array.isArray(cp)) checkpointJson(runId, cp);
  const { records, ...rest } = cp;
  if (!Array.isArray(records))
    throw new RunStoreError(
      "STORE_INVALID_CHECKPOINT",
      `Checkpoint of run ${runId} has no records list; pass the checkpoint the runtime gave onCheckpoint`,
    );
  const head = checkpointJson(runId, rest as Checkpoint);
  const texts: string[] = [];
  const changed: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const record: unknown = records[i];
    let text: string | undefined;
    if (previous !== undefined && previous.objects[i] === record) text = previous.texts[i];
    if (text === undefined) {
      try {
        text = JSON.stringify(record);
      } catch (error) {
        throw new RunStoreError(
          "STORE_INVALID_CHECKPOINT",
          `Checkpoint of run ${runId} is not JSON (${(error as Error).message}); checkpoints hold only JSON values`,
          { cause: error },
        );
      }
      if (typeof text !== "string" || !text.startsWith("{"))
        throw new RunStoreError(
          "STORE_INVALID_CHECKPOINT",
          `Checkpoint of run ${runId} has a record that is not a JSON object`,
        );
    }
    texts.push(text);
    if (previous?.texts[i] !== text) changed.push(i);
  }
  return { head, records: texts, changed };
}
