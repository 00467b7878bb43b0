// The secrets of one run: what the history, checkpoints, events, answers and notifications never hold.
import {
  containsRedacted,
  lostInputs,
  maskSecretInputs,
  redactDeep,
  secretInputValues,
  setOwn,
  type RunLog,
} from "@skillflow/workflow";
import { serviceError, type ServiceContext } from "./_context.js";

/**
 * The service's secrets (environment, config) and the values given to the run's secret-named
 * inputs (`api_token`, …), from each of `inputs` (the queue's job, a checkpoint).
 */
export function runSecrets(
  ctx: ServiceContext,
  ...inputs: (Record<string, unknown> | undefined)[]
): readonly string[] {
  const given = inputs.flatMap((each) => (each === undefined ? [] : secretInputValues(each)));
  return given.length === 0 ? ctx.secrets : [...new Set([...ctx.secrets, ...given])];
}

/** Inputs as a record or an answer shows them: secrets redacted, secret-named inputs `[REDACTED]`. */
export function shownInputs(
  inputs: Record<string, unknown>,
  secrets: readonly string[],
): Record<string, unknown> {
  return maskSecretInputs(redactDeep(inputs, secrets));
}

/** A log as the history and notifications get it: `shownInputs`, and the secrets redacted everywhere. */
export function shownLog(log: RunLog, secrets: readonly string[]): RunLog {
  const redacted = redactDeep(log, secrets);
  return { ...redacted, inputs: maskSecretInputs(redacted.inputs) };
}

/**
 * A checkpoint's inputs with what redaction took from them (a secret-named input, a value that held
 * a secret) given back from the queue's job, which keeps a run's inputs until it ends. One the job
 * never gave (the run took its default) is left out, to take the default again.
 */
export function restoredInputs(
  stored: Record<string, unknown>,
  job: Record<string, unknown>,
): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name of Object.keys(stored)) {
    if (!containsRedacted(stored[name])) continue;
    if (Object.hasOwn(job, name) && containsRedacted(job[name])) continue;
    copy ??= { ...stored };
    if (Object.hasOwn(job, name)) setOwn(copy, name, job[name]);
    else delete copy[name];
  }
  return copy ?? stored;
}

/**
 * Refuses to continue here a run with no queue job (one `skillflow run` started) whose checkpoint
 * lost inputs to redaction: only the queue keeps a run's secret inputs, and this one never had a job.
 */
export async function checkInputsKept(
  ctx: ServiceContext,
  runId: string,
  checkpoint: Record<string, unknown>,
  given: Record<string, unknown> | undefined,
  command: string,
): Promise<void> {
  const lost = lostInputs(checkpoint, given);
  if (lost.length === 0 || (await ctx.queue.get(runId))) return;
  throw serviceError(
    "NOT_RESUMABLE",
    `run ${runId} was started by skillflow run, and the history does not keep its secret ` +
      `inputs (${lost.join(", ")}); continue it where it started: ${command} ` +
      lost.map((name) => `-i ${name}=…`).join(" "),
  );
}
