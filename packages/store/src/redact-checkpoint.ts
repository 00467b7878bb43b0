// Redaction of checkpoints before they are saved: the secrets a run knows never reach the history file.
import { redactDeep, type Checkpoint } from "@skillflow/workflow";

/** Redacts a run's checkpoints; keep one per run (it remembers the records it already redacted). */
export type CheckpointRedactor = (checkpoint: Checkpoint) => Checkpoint;

/**
 * A redactor of one run's checkpoints (§13.6) with `secrets` replaced by `[REDACTED]`: a resumed run
 * then sees `[REDACTED]` where a secret had reached a value, never the secret in the history. Each
 * step record is redacted once (by the runtime's record object), so a store that skips records it
 * already saved still can. Without secrets it returns the checkpoint as it is.
 */
export function createCheckpointRedactor(secrets: readonly string[]): CheckpointRedactor {
  const records = new WeakMap<object, Checkpoint["records"][number]>();
  return (checkpoint) => {
    if (secrets.length === 0) return checkpoint;
    const redactedRecords = checkpoint.records.map((record) => {
      let redacted = records.get(record);
      if (redacted === undefined) {
        redacted = redactDeep(record, secrets);
        records.set(record, redacted);
      }
      return redacted;
    });
    return { ...redactDeep({ ...checkpoint, records: [] }, secrets), records: redactedRecords };
  };
}
