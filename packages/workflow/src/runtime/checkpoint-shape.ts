// [EXT §13.6] The shape a checkpoint must have for `resume` to read it, checked before anything runs.
import { isMapping } from "../model/objects.js";

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

/**
 * [EXT §13.6] The first part of a checkpoint that cannot be continued from (`records`,
 * `children["x"].started_at`, …), or undefined when its shape is what `resume` reads. A stored
 * checkpoint can be damaged or tampered with; resume refuses one with `CHECKPOINT_DAMAGED`.
 */
export function checkpointDamage(checkpoint: unknown, depth = 0): string | undefined {
  if (!isMapping(checkpoint)) return "the checkpoint";
  if (typeof checkpoint.runId !== "string") return "runId";
  if (typeof checkpoint.workflow !== "string") return "workflow";
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
    const part = checkpointDamage(child, depth + 1);
    if (part !== undefined) return `children["${id}"].${part}`;
  }
  return undefined;
}
