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
