// Approvals on the command line (§13.4): the terminal prompt, decisions from flags, and the report
// of a run that waits.
import {
  redactText,
  setOwn,
  type ApproveCallback,
  type Decision,
  type FieldSchema,
  type PendingApproval,
  type RunLog,
} from "@skillflow/workflow";
import { CliError } from "../errors.js";
import { PromptInterrupted, type Io, type Writer } from "../io.js";
import type { Style } from "../style.js";
import { printable } from "../terminal-text.js";
import { coerceInput } from "./inputs.js";

/** How a response field reads in a prompt or a list: `note (string, optional)`. */
export function describeField(name: string, field: FieldSchema): string {
  return `${name} (${field.type}${field.nullable === true ? ", optional" : ""})`;
}

/** The deadline of an approval for people: `expires 2026-12-07T10:00:00.000Z` or `no deadline`. */
export function deadlineText(pending: PendingApproval, now = Date.now()): string {
  if (pending.expires_at === null) return "no deadline";
  const passed = Date.parse(pending.expires_at) <= now;
  return passed ? `expired ${pending.expires_at}` : `expires ${pending.expires_at}`;
}

/** Whether any pending approval's deadline has passed (its `on_timeout` applies on resume). */
export function hasExpired(pending: readonly PendingApproval[], now = Date.now()): boolean {
  return pending.some((p) => p.expires_at !== null && Date.parse(p.expires_at) <= now);
}

/** Who decides: `--by`, else the login name from the environment. */
export function decider(io: Io, by: string | undefined): string | undefined {
  return by ?? io.env.USER ?? io.env.LOGNAME ?? io.env.USERNAME;
}

/** The response field values of `--set name=value`, typed by the approval's declarations. */
export function responseFromFlags(
  pending: PendingApproval,
  pairs: readonly string[],
): Record<string, unknown> {
  const response: Record<string, unknown> = {};
  const declared = new Map(Object.entries(pending.response));
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0)
      throw new CliError("BAD_ARGUMENTS", `--set ${pair}: expected field=value (e.g. note=ok)`);
    const name = pair.slice(0, at);
    const field = declared.get(name);
    if (field === undefined) {
      const known = [...declared.keys()];
      throw new CliError(
        "BAD_ARGUMENTS",
        `--set ${name}: approval ${pending.key} has no response field "${name}"` +
          (known.length ? ` (fields: ${known.join(", ")})` : " (it takes no fields)"),
      );
    }
    setOwn(
      response,
      name,
      coerceInput(name, pair.slice(at + 1), field, { flag: "--set", noun: "response field" }),
    );
  }
  return response;
}

async function askField(
  ask: (question: string, signal: AbortSignal) => Promise<string>,
  io: Io,
  name: string,
  field: FieldSchema,
  signal: AbortSignal,
): Promise<unknown> {
  for (;;) {
    const raw = await ask(`  ${printable(describeField(name, field))}: `, signal);
    if (raw.trim() === "" && field.nullable === true) return null;
    try {
      return coerceInput(name, raw, field, { flag: "", noun: "response field" });
    } catch (error) {
      io.stderr.write(`  ${(error as Error).message.trim()}\n`);
    }
  }
}

/**
 * The `approve` run option for a person at a terminal: shows the message, the deadline and the
 * response fields, asks yes/no, then each field (typed; empty = null for optional ones). The
 * runtime races it against the deadline and Ctrl-C. Undefined when nobody can answer.
 */
export function terminalApprover(
  io: Io,
  style: Style,
  secrets: readonly string[],
  by?: string,
): ApproveCallback | undefined {
  if (!io.isTTY || io.ask === undefined) return undefined;
  // Once the person leaves a prompt (Ctrl-C), later approvals of this run wait too.
  let left = false;
  const ask = async (question: string, signal: AbortSignal): Promise<string> => {
    try {
      return await io.ask!(question, signal);
    } catch (error) {
      if (error instanceof PromptInterrupted) left = true;
      throw error;
    }
  };
  const decide: ApproveCallback = async (request, { signal }) => {
    // The runtime hands the host the full message: redact it as the run log is redacted.
    const message = printable(redactText(request.message, secrets));
    io.stderr.write(
      `\n${style.yellow("approval")} ${style.bold(printable(request.key))}: ${message}\n` +
        `${style.dim(deadlineText(request))}\n`,
    );
    const answer = await ask("Approve? [y/N] ", signal);
    const approved = /^y(es)?$/i.test(answer.trim());
    const decision: Decision = { approved };
    const who = decider(io, by);
    if (who !== undefined) decision.by = who;
    const fields = Object.entries(request.response);
    if (approved && fields.length > 0) {
      const response: Record<string, unknown> = {};
      for (const [name, field] of fields)
        setOwn(response, name, await askField(ask, io, name, field, signal));
      decision.response = response;
    }
    return decision;
  };
  return async (request, options) => {
    if (left) return undefined;
    try {
      return await decide(request, options);
    } catch (error) {
      if (!(error instanceof PromptInterrupted)) throw error;
      // Not a rejection and not a cancellation: the run waits, to be decided with `approve`.
      io.stderr.write(`\n${style.dim("no decision: the approval stays pending")}\n`);
      return undefined;
    }
  };
}

/**
 * Why a waiting run that is not in the history (--no-history, or the history failed) cannot be
 * decided later, and what to do instead.
 */
export const UNRECORDED_WAITING =
  "this run waits for an approval but is not recorded in the history (--no-history, or the " +
  "history failed), so it cannot be approved later: run it again on a terminal without " +
  "--no-prompt to answer there, or with the history to decide it with skillflow approve\n";

/**
 * Lists the pending approvals of a waiting run and, when it is `recorded` in the history, the
 * command that decides them (an unrecorded run cannot be continued: see UNRECORDED_WAITING).
 */
export function writeWaiting(out: Writer, log: RunLog, style: Style, recorded: boolean): void {
  const pending = log.pending ?? [];
  const short = log.id.slice(0, 8);
  out.write(
    `${style.yellow("⏸ waiting")} ${style.bold(log.workflow)} ${style.dim(`(${log.summary.steps_executed} steps run)`)}\n`,
  );
  for (const approval of pending) {
    out.write(`\n${style.bold(printable(approval.key))}: ${printable(approval.message)}\n`);
    out.write(`${style.dim(deadlineText(approval))}\n`);
    const fields = Object.entries(approval.response);
    if (fields.length > 0)
      out.write(`response fields: ${fields.map(([n, f]) => describeField(n, f)).join(", ")}\n`);
  }
  if (!recorded) return;
  const step = pending.length > 1 ? ` --step ${printable(pending[0]?.key ?? "<key>")}` : "";
  const set = Object.keys(pending[0]?.response ?? {})[0];
  out.write(
    `\ndecide with: skillflow approve ${short}${step}${set !== undefined ? ` [--set ${set}=...]` : ""}` +
      `   (or --reject)\n`,
  );
}
