// Which model grades llm-judge assertions: never the model under test when another one is at hand.
import { modelJudge, type NamedJudge } from "@skillflow/evals";
import type { LlmEnv } from "@skillflow/tools";
import { cliModel, modelAvailable } from "./models.js";

/** What the judge may be chosen from. */
export interface JudgeChoice {
  /** `--judge-model`: used for every model, even the same one (the report then warns). */
  explicit?: string | undefined;
  /** The models under test, then the configured default and the fallback, in order of preference. */
  candidates: readonly string[];
  env: LlmEnv;
  signal?: AbortSignal | undefined;
}

/** The judge's name for the model under test: `--judge-model`, else the first other usable model. */
export function judgeName(model: string, choice: JudgeChoice): string {
  if (choice.explicit !== undefined) return choice.explicit;
  const other = choice.candidates.find((c) => c !== model && modelAvailable(c, choice.env));
  return other ?? model;
}

/**
 * `judgeFor` of `evaluateSkill`: a named judge per model under test, resolved only when the suite
 * has llm-judge assertions (a missing key of the judge's provider is then a user error).
 */
export function judgeFor(choice: JudgeChoice): (model: string) => NamedJudge {
  return (model) => {
    const name = judgeName(model, choice);
    return {
      name,
      judge: modelJudge(cliModel(name, choice.env), choice.signal ? { signal: choice.signal } : {}),
    };
  };
}
