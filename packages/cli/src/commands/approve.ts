// `skillflow approve <run>`: decides a pending approval of a waiting run and continues the run here.
import { setOwn, type Decision, type PendingApproval } from "@skillflow/workflow";
import type { StoredRun } from "@skillflow/store";
import { stringFlag, stringsFlag, type Command } from "../command.js";
import { CliError } from "../errors.js";
import { decider, hasExpired, responseFromFlags } from "../run/approvals.js";
import { continueRun } from "../run/continue.js";

const help = `usage: skillflow approve <run id> [--reject] [--set field=value...] [--step KEY] [options]

Decides the approval a waiting run stopped at (see \`skillflow runs list --status waiting\`), then
continues the run in this process from its checkpoint, with the standard tools, as \`skillflow run\`
would. Steps that already ran are not run again. An id may be shortened to a unique prefix.
The rest of the run uses the tools, trust and configuration of the current folder (as \`run\`
would here): decide from the folder the run started in.

Options:
      --reject            reject instead of approve (a rejection is not a failure: the workflow
                          decides what happens next)
      --set field=value   a response field the approval declares, converted to its type
                          (repeatable); \`skillflow runs show <id>\` lists the fields
      --step <key>        which approval, when the run waits for several (its key, e.g.
                          confirm or digests/2/confirm)
      --by <name>         who decides (default: $USER); recorded in the step's output
      --no-prompt         suspend again at later approvals instead of asking on the terminal
      --allow-changed     continue even though the workflow file changed since the run started
  -i, --input key=value   an input the history did not keep, given again (repeatable): the
                          history never stores secrets, so a run started with a secret-named
                          input (api_token, password, ...) or a secret in an input needs it again
      --config <file>     project configuration file (as for skillflow run)
      --json              print only the run log (JSON)
  -q, --quiet             print only the outputs (JSON)
  -h, --help              show this help

A decision after the approval's deadline is not used: approve refuses it (exit 2), and
\`skillflow runs resume <id>\` applies the approval's on_timeout instead.
Whoever can write the project's run history can decide its approvals: keep .skillflow/ (or
$SKILLFLOW_HOME) private to the people allowed to approve.

Exit status: as skillflow run: 0 success, 1 the workflow failed, 2 bad call or a decision the
approval refuses (the run keeps waiting), 4 waiting again (for another approval), 130 cancelled.

Examples:
  skillflow approve 3f2a9c
  skillflow approve 3f2a9c --set note="ship it" --by alice
  skillflow approve 3f2a9c --reject
  skillflow approve 3f2a9c --step digests/2/confirm`;

/** The approval `--step` names, or the only one; a clear error otherwise. */
function chooseApproval(
  run: StoredRun,
  pending: readonly PendingApproval[],
  key: string | undefined,
): PendingApproval {
  const short = run.id.slice(0, 8);
  const keys = pending.map((p) => p.key).join(", ");
  if (key !== undefined) {
    const found = pending.find((p) => p.key === key);
    if (found === undefined)
      throw new CliError(
        "BAD_ARGUMENTS",
        `--step ${key}: run ${short} does not wait for that approval (it waits for: ${keys})`,
      );
    return found;
  }
  if (pending.length === 1) return pending[0]!;
  throw new CliError(
    "BAD_ARGUMENTS",
    `run ${short} waits for ${pending.length} approvals (${keys}): say which with --step <key>`,
  );
}

/** The `approve` command. */
export const approveCommand: Command = {
  name: "approve",
  help,
  options: {
    reject: { type: "boolean" },
    set: { type: "string", multiple: true },
    step: { type: "string" },
    by: { type: "string" },
    "no-prompt": { type: "boolean" },
    "allow-changed": { type: "boolean" },
    input: { type: "string", short: "i", multiple: true },
    config: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
  async execute(args, context) {
    const [ref, ...rest] = args.positionals;
    if (ref === undefined || rest.length > 0)
      throw new CliError("BAD_ARGUMENTS", "approve needs exactly one run id", help);
    const reject = args.values.reject === true;
    const pairs = stringsFlag(args, "set");
    if (reject && pairs.length > 0)
      throw new CliError(
        "BAD_ARGUMENTS",
        "--set gives response fields of an approval, not of a rejection",
      );
    return continueRun(args, context, ref, (run, pending) => {
      const approval = chooseApproval(run, pending, stringFlag(args, "step"));
      // The runtime would not use the decision (§13.9.3): say so rather than apply on_timeout
      // to someone who meant to decide.
      if (hasExpired([approval]))
        throw new CliError(
          "APPROVAL_EXPIRED",
          `approval ${approval.key} of run ${run.id.slice(0, 8)} expired at ${approval.expires_at}, ` +
            `so a decision is no longer used: skillflow runs resume ${run.id.slice(0, 8)} applies ` +
            `its on_timeout`,
        );
      const decision: Decision = { approved: !reject };
      const by = decider(context.io, stringFlag(args, "by"));
      if (by !== undefined) decision.by = by;
      if (!reject) decision.response = responseFromFlags(approval, pairs);
      const decisions: Record<string, Decision> = {};
      setOwn(decisions, approval.key, decision);
      return decisions;
    });
  },
};
