// One proposer call, priced before it is made: refused when the budget could not pay for it.
import { requestCost } from "@skillflow/tools";
import { BudgetExceededError, priceOf } from "./budget.js";
import type { Failure } from "./failures.js";
import { proposalMaxTokens, propose, proposerPrompt, PROPOSER_SYSTEM } from "./propose.js";
import type { Session } from "./_session.js";

/** The proposer's answer, or why there is none. */
export type Proposal =
  | { kind: "answer"; answer: string }
  | { kind: "budget"; reason: string }
  | { kind: "failed"; reason: string };

/**
 * Asks the proposer for a revision unless its worst case (the prompt, and the longest answer
 * allowed) would pass the budget; a provider failure is `failed`, never a throw.
 */
export async function guardedProposal(
  session: Session,
  current: string,
  failures: readonly Failure[],
  feedback: string | undefined,
): Promise<Proposal> {
  const prompt = proposerPrompt({ current, failures, ...(feedback ? { feedback } : {}) });
  const price = priceOf(session.proposer.name, session.options.prices);
  const inputTokens = Math.ceil((PROPOSER_SYSTEM.length + prompt.length) / 4);
  const worst = requestCost(price, inputTokens, proposalMaxTokens(current.length)) ?? 0;
  if (!session.budget.affords(worst))
    return {
      kind: "budget",
      reason: `the proposer's call (up to $${worst.toFixed(4)}) would pass the budget ($${session.budget.remainingUsd.toFixed(4)} left)`,
    };
  try {
    return {
      kind: "answer",
      answer: await propose({
        model: session.proposer.model,
        current,
        failures,
        ...(feedback ? { feedback } : {}),
        ...(session.options.signal ? { signal: session.options.signal } : {}),
      }),
    };
  } catch (error) {
    if (error instanceof BudgetExceededError) return { kind: "budget", reason: error.message };
    return { kind: "failed", reason: `the proposer failed: ${(error as Error).message}` };
  }
}
