// A proposer call, priced before it is made: refused when the budget could not pay for it.
import { requestCost } from "@skillflow/tools";
import { BudgetExceededError, priceOf } from "./budget.js";
import type { Failure } from "./failures.js";
import { proposalMaxTokens, propose, proposerPrompt, PROPOSER_SYSTEM } from "./propose.js";
import type { Session } from "./_session.js";

/** The proposer's answer, or why there is none. */
export type Proposal<T = string> =
  | { kind: "answer"; answer: T }
  | { kind: "budget"; reason: string }
  | { kind: "failed"; reason: string };

/** One proposer call: its system text and prompt, and the most answer tokens it allows. */
export interface ProposerCall {
  system: string;
  prompt: string;
  maxOutputTokens: number;
}

/**
 * Runs `ask` (a call to the proposer) unless its worst case, the prompt (4 characters a token) and
 * the longest answer allowed, would pass the budget; a provider failure is `failed`, never a throw.
 */
export async function guardedCall<T>(
  session: Session,
  call: ProposerCall,
  ask: () => Promise<T>,
): Promise<Proposal<T>> {
  const price = priceOf(session.proposer.name, session.options.prices);
  const inputTokens = Math.ceil((call.system.length + call.prompt.length) / 4);
  const worst = requestCost(price, inputTokens, call.maxOutputTokens) ?? 0;
  if (!session.budget.affords(worst))
    return {
      kind: "budget",
      reason: `the proposer's call (up to $${worst.toFixed(4)}) would pass the budget ($${session.budget.remainingUsd.toFixed(4)} left)`,
    };
  try {
    return { kind: "answer", answer: await ask() };
  } catch (error) {
    if (error instanceof BudgetExceededError) return { kind: "budget", reason: error.message };
    return { kind: "failed", reason: `the proposer failed: ${(error as Error).message}` };
  }
}

/** Asks the proposer for a revision of `current` (`guardedCall`: refused when it could not pay). */
export async function guardedProposal(
  session: Session,
  current: string,
  failures: readonly Failure[],
  feedback: string | undefined,
): Promise<Proposal> {
  const prompt = proposerPrompt({ current, failures, ...(feedback ? { feedback } : {}) });
  const call = {
    system: PROPOSER_SYSTEM,
    prompt,
    maxOutputTokens: proposalMaxTokens(current.length),
  };
  return guardedCall(session, call, () =>
    propose({
      model: session.proposer.model,
      current,
      failures,
      ...(feedback ? { feedback } : {}),
      ...(session.options.signal ? { signal: session.options.signal } : {}),
    }),
  );
}
