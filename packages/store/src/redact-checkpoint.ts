// Redaction of checkpoints before they are saved: the secrets a run knows never reach the history file.
import { maskSecretInputs, redactDeep, type Checkpoint } from "@skillflow/workflow";

/** Redacts a run's checkpoints; keep one per run (it remembers the records it already redacted). */
export type CheckpointRedactor = (checkpoint: Checkpoint) => Checkpoint;

/**
 * A redactor of one run's checkpoints (§13.6) with `secrets` replaced by `[REDACTED]`: a resumed run
 * then sees `[REDACTED]` where a secret had reached a value, never the secret in the history. Each
 * step record is redacted once (by the runtime's record object), so a store that skips records it
 * already saved still can. Secret-named inputs (`api_token`, …) always read `[REDACTED]`: a host
 * that continues the run gives them again (the CLI with `-i`, the service from its queue). Without
 * secrets or secret-named inputs it returns the checkpoint as it is.
 */
export function createCheckpointRedactor(secrets: readonly string[]): CheckpointRedactor {
  const records = new WeakMap<object, Checkpoint["records"][number]>();
  return (checkpoint) => {
    if (secrets.length === 0) return maskInputs(checkpoint);
    const redactedRecords = checkpoint.records.map((record) => {
      let redacted = records.get(record);
      if (redacted === undefined) {
        redacted = redactDeep(record, secrets);
        records.set(record, redacted);
      }
      return redacted;
    });
    return maskInputs({
      ...redactDeep({ ...checkpoint, records: [] }, secrets),
      records: redactedRecords,
    });
  };
}

/** The checkpoint with its secret-named inputs `[REDACTED]`, in its final log too. */
function maskInputs(checkpoint: Checkpoint): Checkpoint {
  const inputs = maskSecretInputs(checkpoint.inputs);
  const final = checkpoint.final && {
    ...checkpoint.final,
    inputs: maskSecretInputs(checkpoint.final.inputs),
  };
  if (inputs === checkpoint.inputs && final?.inputs === checkpoint.final?.inputs) return checkpoint;
  return { ...checkpoint, inputs, ...(final ? { final } : {}) };
}
