// Continuing a recorded run in this process: `skillflow approve` (a waiting run, with a decision)
// and `skillflow runs resume` (a run whose process died, or whose approval deadline passed).
import { RunStoreError, openSqliteRunStore, type StoredRun } from "@skillflow/store";
import { lostInputs, type Decision, type PendingApproval } from "@skillflow/workflow";
import { stringFlag, stringsFlag, type CommandContext, type ParsedArgs } from "../command.js";
import { CliError } from "../errors.js";
import { readWorkflowFile } from "../files.js";
import { historyOptions, openHistory, runSecrets } from "../history.js";
import { resolveIds } from "../runs/ids.js";
import { historyProblem } from "../runs/problems.js";
import { RunRecording } from "../runs/recording.js";
import { loadWorkspace } from "../trust/workspace.js";
import { hasExpired } from "./approvals.js";
import { checkContinuable } from "./checkpoint-check.js";
import { collectInputs, declaredInputs } from "./inputs.js";
import { runSession } from "./session.js";

/** What continuing a run decides: the decisions to pass, from the run's pending approvals. */
export type Decide = (
  run: StoredRun,
  pending: readonly PendingApproval[],
) => Record<string, Decision>;

function checkResumable(run: StoredRun, decide: Decide | undefined): void {
  const short = run.id.slice(0, 8);
  const pending = run.pending ?? [];
  switch (run.status) {
    case "waiting":
      if (decide === undefined && !hasExpired(pending))
        throw new CliError(
          "NOT_RESUMABLE",
          `run ${short} is waiting for an approval (${pending.map((p) => p.key).join(", ")}): ` +
            `decide it with skillflow approve ${short} [--reject]`,
        );
      return;
    case "interrupted":
      if (decide !== undefined)
        throw new CliError(
          "NOT_RESUMABLE",
          `run ${short} is interrupted, not waiting for an approval: continue it with skillflow runs resume ${short}`,
        );
      return;
    case "running":
      throw new CliError(
        "NOT_RESUMABLE",
        `run ${short} is still running in another process; wait for it, or stop that process first`,
      );
    default:
      throw new CliError(
        "NOT_RESUMABLE",
        `run ${short} has already finished (${run.status}); start a new one with skillflow run`,
      );
  }
}

/**
 * The inputs to continue a run with: its checkpoint's, with those the history did not keep (a
 * secret-named input, or a value that held a secret) given again with `-i`. One the run took from
 * its default (not among the inputs it started with) is left out, to take the default again.
 * Refuses to continue without them, and refuses `-i` for an input the history kept: a run does
 * not change its inputs.
 */
async function restoreInputs(
  args: ParsedArgs,
  cwd: string,
  short: string,
  stored: Record<string, unknown>,
  started: Record<string, unknown> | undefined,
  content: string,
): Promise<Record<string, unknown>> {
  const pairs = stringsFlag(args, "input");
  const lost = lostInputs(stored, started);
  const defaulted = lostInputs(stored).filter((name) => !lost.includes(name));
  const given = pairs.length
    ? await collectInputs(cwd, { pairs }, declaredInputs(content) ?? {})
    : {};
  for (const name of Object.keys(given))
    if (!lost.includes(name))
      throw new CliError(
        "BAD_ARGUMENTS",
        `-i ${name}: run ${short} kept its input "${name}"; -i gives again only the inputs the ` +
          `history did not keep (${lost.length ? lost.join(", ") : "none"})`,
      );
  const missing = lost.filter((name) => !Object.hasOwn(given, name));
  if (missing.length > 0)
    throw new CliError(
      "SECRET_INPUTS_NEEDED",
      `run ${short} needs ${missing.map((name) => `"${name}"`).join(", ")} again: the history never ` +
        `keeps secrets, so give ${missing.length > 1 ? "them" : "it"} again with ` +
        missing.map((name) => `-i ${name}=…`).join(" "),
    );
  const inputs = { ...stored, ...given };
  for (const name of defaulted) delete inputs[name];
  return inputs;
}

/**
 * Continues run `ref` from its stored checkpoint with the standard tools, recording into the same
 * run; `decide` (for `approve`) gives the decisions. Exit statuses are those of `skillflow run`.
 */
export async function continueRun(
  args: ParsedArgs,
  context: CommandContext,
  ref: string,
  decide?: Decide,
): Promise<number> {
  const { io } = context;
  const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const { store, file } = openHistory(io, config, context.openStore);
  let run: StoredRun | undefined;
  let checkpoint;
  try {
    const [id] = resolveIds(store, [ref]);
    run = store.get(id!);
    checkpoint = store.checkpoint(id!);
  } catch (error) {
    throw historyProblem(error, file) ?? error;
  } finally {
    store.close();
  }
  if (run === undefined) throw new CliError("UNKNOWN_RUN", `no run "${ref}" in the history`);
  checkResumable(run, decide);
  if (checkpoint === undefined)
    throw new CliError(
      "NO_CHECKPOINT",
      `run ${run.id.slice(0, 8)} has no checkpoint to continue from (recorded before checkpoints, ` +
        `or with a custom store that keeps none); start it again with skillflow run`,
    );
  if (run.source === undefined)
    throw new CliError(
      "FILE_NOT_FOUND",
      `run ${run.id.slice(0, 8)} does not say which file it ran`,
    );
  const source = await readWorkflowFile(io, run.source, config).catch((error: unknown) => {
    if (error instanceof CliError && error.code === "FILE_NOT_FOUND")
      throw new CliError(
        "FILE_NOT_FOUND",
        `the workflow of run ${run.id.slice(0, 8)}, ${run.source}, is gone; restore it to continue`,
      );
    throw error;
  });
  // Before the claim: a refusal leaves the run as it was, to be continued once the cause is fixed.
  const allowChanged = args.values["allow-changed"] === true;
  checkContinuable(run.id.slice(0, 8), checkpoint, source, allowChanged);
  const inputs = await restoreInputs(
    args,
    io.cwd,
    run.id.slice(0, 8),
    checkpoint.inputs,
    run.inputs,
    source.content,
  );
  const decisions = decide?.(run, run.pending ?? []);
  const secrets = runSecrets(env, inputs);
  const recording = new RunRecording(
    context.openStore ?? openSqliteRunStore,
    () => historyOptions(io, config),
    {
      id: run.id,
      source: run.source,
      inputs,
      startedAt: checkpoint.started_at,
      secrets,
    },
    io.stderr,
  );
  try {
    recording.claim();
  } catch (error) {
    recording.close();
    if (error instanceof RunStoreError && error.code === "STORE_NOT_RESUMABLE")
      throw new CliError(
        "NOT_RESUMABLE",
        `run ${run.id.slice(0, 8)} is being continued by another process right now`,
      );
    throw historyProblem(error, file) ?? error;
  }
  if (!recording.ok)
    throw new CliError("HISTORY_UNAVAILABLE", `cannot record into ${file}: see the warning above`);
  return runSession(args, context, {
    source,
    config,
    env,
    inputs,
    runId: run.id,
    recording,
    resume: { ...checkpoint, inputs, ...(decisions === undefined ? {} : { decisions }) },
    allowChangedWorkflow: allowChanged,
    ...(stringFlag(args, "by") !== undefined ? { by: stringFlag(args, "by")! } : {}),
  });
}
