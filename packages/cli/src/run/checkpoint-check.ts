// What `approve` and `runs resume` check before they claim a run: a checkpoint they can continue,
// for the document as it was.
import { createHash } from "node:crypto";
import { checkpointDamage, type Checkpoint } from "@skillflow/workflow";
import { CliError } from "../errors.js";

/**
 * Refuses to continue run `short` from `checkpoint` when the checkpoint is damaged, or when the
 * document `content` is not the one the run started with (unless `allowChanged`). Both are checked
 * before the run is claimed, so a refused run keeps waiting (or stays interrupted) and can be
 * continued once the cause is fixed, with --allow-changed for a changed file.
 */
export function checkContinuable(
  short: string,
  checkpoint: Checkpoint,
  source: { content: string; display: string },
  allowChanged: boolean,
): void {
  const part = checkpointDamage(checkpoint);
  if (part !== undefined)
    throw new CliError(
      "CHECKPOINT_DAMAGED",
      `the checkpoint of run ${short} is damaged (${part} is not what a checkpoint holds), so it ` +
        `cannot be continued: start the workflow again with skillflow run (skillflow runs rm ${short} ` +
        `deletes this one)`,
    );
  if (allowChanged) return;
  const hash = createHash("sha256").update(source.content, "utf8").digest("hex");
  if (hash !== checkpoint.workflow_hash)
    throw new CliError(
      "WORKFLOW_CHANGED",
      `${source.display} changed since run ${short} started: restore the file as it was to continue, ` +
        `or pass --allow-changed to continue with the file as it is now (steps that already ran ` +
        `are not run again)`,
    );
}
