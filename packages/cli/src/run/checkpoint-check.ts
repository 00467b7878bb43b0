// What `approve` and `runs resume` check before they claim a run: a checkpoint they can continue,
// for the document as it was.
import { createHash } from "node:crypto";
import type { Checkpoint } from "@skillflow/workflow";
import { CliError } from "../errors.js";

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isTime = (value: unknown): boolean =>
  typeof value === "string" && !Number.isNaN(Date.parse(value));

/** Whether `records` are step records at least as far as resuming reads them. */
const areRecords = (records: unknown): boolean =>
  Array.isArray(records) &&
  records.every((r) => isMapping(r) && typeof r.id === "string" && typeof r.status === "string");

/** Whether `pending` lists approvals as `approve` and `runs show` read them. */
const arePending = (pending: unknown): boolean =>
  pending === undefined ||
  (Array.isArray(pending) &&
    pending.every(
      (p) =>
        isMapping(p) &&
        typeof p.key === "string" &&
        typeof p.message === "string" &&
        (p.expires_at === null || isTime(p.expires_at)) &&
        isMapping(p.response),
    ));

/** The first part of a stored checkpoint that cannot be continued from, or undefined when none. */
export function damagedPart(checkpoint: unknown, depth = 0): string | undefined {
  if (!isMapping(checkpoint)) return "the checkpoint";
  if (typeof checkpoint.workflow_hash !== "string") return "workflow_hash";
  if (!isMapping(checkpoint.inputs)) return "inputs";
  if (!isTime(checkpoint.started_at)) return "started_at";
  if (!Number.isInteger(checkpoint.segment)) return "segment";
  if (!areRecords(checkpoint.records)) return "records";
  if (checkpoint.iterations !== undefined && !isMapping(checkpoint.iterations)) return "iterations";
  if (!arePending(checkpoint.pending)) return "pending";
  const children = checkpoint.children;
  if (children === undefined) return undefined;
  // Child checkpoints nest as deep as the sub-workflows; a stored one deeper than that is forged.
  if (!isMapping(children) || depth > 64) return "children";
  for (const [id, child] of Object.entries(children)) {
    const part = damagedPart(child, depth + 1);
    if (part !== undefined) return `children["${id}"].${part}`;
  }
  return undefined;
}

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
  const part = damagedPart(checkpoint);
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
