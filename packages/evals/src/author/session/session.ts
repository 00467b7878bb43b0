// authorWorkflow: a model drafts a SKILL.md with the authoring guide and tools, round after round,
// until the harness's own check passes (valid, dry run ok), within a round and a token/cost budget.
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { LlmEnv, LlmFetch, ModelPrice } from "@skillflow/tools";
import type { ToolAdapter } from "@skillflow/workflow";
import { listedPrice } from "../../agent/_price.js";
import { resolveAgentModel, runAgent } from "../../agent/run.js";
import type { DryRunResult } from "../dry-run.js";
import type { Fixtures } from "../fixtures.js";
import {
  BudgetError,
  BudgetMeter,
  budgetedModel,
  type AuthorBudget,
  type AuthorUsage,
} from "./budget.js";
import { checkDraft, type CheckContext, type DraftCheck, type SessionProblem } from "./check.js";
import { compareCost, type CostComparison } from "./cost.js";
import { extractDraft, type DraftSource } from "./draft.js";
import { roundPrompt, sessionSystem, type Feedback } from "./prompt.js";
import type { AuthorSource } from "./source.js";
import { sessionTools, type DraftLog } from "./tools.js";

/** Default rounds of a session. */
export const DEFAULT_MAX_ROUNDS = 6;
/** Default token budget of a session (the guide alone is about 8k tokens a call). */
export const DEFAULT_MAX_TOKENS = 300_000;
/** Default model calls within one round. */
export const DEFAULT_STEPS_PER_ROUND = 12;

/** Options of `authorWorkflow`. */
export interface AuthorOptions {
  /** What the user needs, in their words. */
  request: string;
  /** `provider:model` (keys from `env`) or an AI SDK model. */
  model: string | LanguageModelV3;
  /** The price of an AI SDK model (a `provider:model` name finds its own). */
  price?: ModelPrice;
  /** The tools a run would have: listed and checked against, never called. */
  tools?: ToolAdapter;
  /** Fixtures the user gave: they win over recorded and proposed ones. */
  fixtures?: Fixtures;
  /** The skill's name (the frontmatter must say it). */
  name?: string;
  /** What was done once (`transcriptSource`, `runSource`): converted into a workflow. */
  from?: AuthorSource;
  maxRounds?: number;
  /** Tokens (default `DEFAULT_MAX_TOKENS`) and USD; always enforced, per model call. */
  budget?: Partial<AuthorBudget>;
  /** Model calls within one round (default `DEFAULT_STEPS_PER_ROUND`). */
  stepsPerRound?: number;
  env?: LlmEnv;
  fetch?: LlmFetch;
  signal?: AbortSignal;
  /** Hears each finished round (progress). */
  onRound?: (round: AuthorRound) => void;
}

/** One round: the draft it ended with and the harness's verdict on it. */
export interface AuthorRound {
  round: number;
  /** Where the draft came from: the final answer, the last tool call, or none. */
  draftFrom: DraftSource;
  valid: boolean;
  ok: boolean;
  /** The harness's problems with the draft (what the next round is told). */
  problems: SessionProblem[];
  /** Calls of each authoring tool the model made in the round. */
  toolCalls: Record<string, number>;
  /** Usage of the whole session after this round. */
  usage: AuthorUsage;
  /** Why the round's agent run ended early (budget, provider error), if it did. */
  error?: string;
}

/** Why a session did not produce a checked skill. */
export type AuthorStopCode = "MAX_ROUNDS" | "BUDGET_EXHAUSTED" | "MODEL_FAILED" | "ABORTED";

/** The outcome of a session. */
export interface AuthorResult {
  /** The final SKILL.md is valid and its dry run succeeded with every call answered. */
  ok: boolean;
  /** Why not, when not ok. */
  stopped?: { code: AuthorStopCode; message: string };
  /** The last draft (the checked skill when ok). */
  skill?: string;
  /** Its frontmatter name. */
  name?: string;
  rounds: AuthorRound[];
  /** The last dry run of the harness's check (its log bounded). */
  dryRun?: DryRunResult;
  /** The fixtures of that dry run (proposed, recorded and given, merged). */
  fixtures?: Fixtures;
  usage: AuthorUsage;
  /** Model calls refused because the budget was spent. */
  refusedCalls: number;
  limits: { maxRounds: number } & AuthorBudget;
  /** With `from`: the recorded run's model usage against the workflow's. */
  cost?: CostComparison;
}

function sessionModel(options: AuthorOptions): { model: LanguageModelV3; price?: ModelPrice } {
  if (typeof options.model !== "string")
    return { model: options.model, ...(options.price ? { price: options.price } : {}) };
  const price = options.price ?? listedPrice(options.model);
  const model = resolveAgentModel(options.model, {
    ...(options.env ? { env: options.env } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { model, ...(price ? { price } : {}) };
}

/** Why the session stops after a round that did not pass, or undefined to go on. */
function stopOf(
  meter: BudgetMeter,
  signal: AbortSignal | undefined,
  round: { error?: string; calls: number },
): AuthorResult["stopped"] {
  if (signal?.aborted) return { code: "ABORTED", message: "the session was cancelled" };
  const spent = meter.spent();
  if (spent !== undefined) return { code: "BUDGET_EXHAUSTED", message: spent };
  // No call of the round answered: another round would fail the same way (a provider error).
  if (round.error !== undefined && round.calls === 0)
    return { code: "MODEL_FAILED", message: round.error };
  return undefined;
}

/** What one round leaves: its record, its draft and the harness's check of it. */
interface RoundOutcome {
  record: AuthorRound;
  draft?: string;
  check?: DraftCheck;
  /** Model calls the provider answered in this round. */
  calls: number;
}

interface Session {
  options: AuthorOptions;
  model: LanguageModelV3;
  meter: BudgetMeter;
  context: CheckContext;
  log: DraftLog;
}

const NO_DRAFT: SessionProblem = {
  code: "NO_DRAFT",
  message: "the answer held no SKILL.md and no tool was given one",
  hint: "reply with the whole SKILL.md between <skill_md> and </skill_md>",
};

/** One round: the agent run with the tools, then the harness's check of its final draft. */
async function runRound(
  session: Session,
  round: number,
  feedback: Feedback | undefined,
): Promise<RoundOutcome> {
  const { options, meter, log } = session;
  const callsBefore = meter.usage.modelCalls;
  log.calls = {};
  const transcript = await runAgent({
    model: session.model,
    system: sessionSystem(options.name),
    prompt: roundPrompt(options.request, options.from?.context, feedback),
    tools: sessionTools(session.context, log),
    maxSteps: options.stepsPerRound ?? DEFAULT_STEPS_PER_ROUND,
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const draft = extractDraft(transcript.output, log.lastText);
  const check =
    draft.text === undefined
      ? undefined
      : await checkDraft(draft.text, log.proposal, session.context);
  const record: AuthorRound = {
    round,
    draftFrom: draft.from,
    valid: check?.valid ?? false,
    ok: check?.ok ?? false,
    problems: check?.problems ?? [NO_DRAFT],
    toolCalls: { ...log.calls },
    usage: { ...meter.usage },
    ...(transcript.error !== undefined ? { error: transcript.error } : {}),
  };
  return {
    record,
    calls: meter.usage.modelCalls - callsBefore,
    ...(draft.text !== undefined ? { draft: draft.text } : {}),
    ...(check !== undefined ? { check } : {}),
  };
}

/** Keeps the round's draft, name, dry run and fixtures in the result. */
function keep(result: AuthorResult, outcome: RoundOutcome): void {
  result.rounds.push(outcome.record);
  const { draft, check } = outcome;
  if (draft !== undefined) result.skill = draft;
  if (check?.name !== undefined) result.name = check.name;
  if (check?.dryRun !== undefined) result.dryRun = check.dryRun;
  if (check !== undefined) result.fixtures = check.fixtures;
}

/** What every check of the session shares, from the options. */
function checkContext(options: AuthorOptions): CheckContext {
  const from = options.from;
  return {
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.fixtures ? { userFixtures: options.fixtures } : {}),
    ...(from?.recordedFixtures ? { recordedFixtures: from.recordedFixtures } : {}),
    ...(from?.recordedRun ? { recordedRun: from.recordedRun } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/**
 * Drafts a SKILL.md for `options.request` with a model: the authoring guide as instructions and
 * `list_tools`, `validate_workflow` and `dry_run_workflow` as tools. After each round the harness
 * checks the final draft itself (valid skill and workflow; dry run with the fixtures in force ends
 * `success` with every call answered); problems go back to the model in the next round, up to
 * `maxRounds`. Every model call first checks the token and cost budget, so the session never
 * spends past it by more than one call. Never rejects for the model's or the draft's failures;
 * throws `BudgetError` (`UNKNOWN_PRICE`) up front for a cost budget on a model without a price.
 */
export async function authorWorkflow(options: AuthorOptions): Promise<AuthorResult> {
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;
  const budget: AuthorBudget = {
    maxTokens: options.budget?.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(options.budget?.maxCostUsd !== undefined ? { maxCostUsd: options.budget.maxCostUsd } : {}),
  };
  const { model, price } = sessionModel(options);
  if (budget.maxCostUsd !== undefined && price === undefined)
    throw new BudgetError(
      `no price is known for ${typeof options.model === "string" ? options.model : model.modelId}, so a cost budget cannot be enforced; use --max-tokens instead of --max-cost`,
    );
  const meter = new BudgetMeter(budget, price);
  const session: Session = {
    options,
    model: budgetedModel(model, meter),
    meter,
    context: checkContext(options),
    log: { proposal: {}, calls: {} },
  };
  const result: AuthorResult = {
    ok: false,
    rounds: [],
    usage: meter.usage,
    refusedCalls: 0,
    limits: { maxRounds, ...budget },
  };
  let feedback: Feedback | undefined;
  for (let round = 1; round <= maxRounds; round++) {
    const outcome = await runRound(session, round, feedback);
    options.onRound?.(outcome.record);
    keep(result, outcome);
    result.ok = outcome.record.ok;
    if (result.ok) break;
    const stopped = stopOf(meter, options.signal, {
      calls: outcome.calls,
      ...(outcome.record.error !== undefined ? { error: outcome.record.error } : {}),
    });
    if (stopped !== undefined) {
      result.stopped = stopped;
      break;
    }
    feedback = {
      ...(outcome.draft !== undefined ? { draft: outcome.draft } : {}),
      problems: outcome.record.problems,
    };
  }
  if (!result.ok && result.stopped === undefined)
    result.stopped = {
      code: "MAX_ROUNDS",
      message: `no checked skill after ${maxRounds} rounds; raise --max-rounds or give fixtures with --fixtures`,
    };
  result.refusedCalls = meter.refused;
  if (options.from !== undefined && result.skill !== undefined)
    result.cost = compareCost({ kind: options.from.kind, ...options.from.usage }, result.skill);
  return result;
}
