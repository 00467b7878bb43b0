// The failing trials the proposer is shown: from the shown half only, bounded in number and size.
import type { Transcript } from "../agent/transcript.js";
import type { TrialRecord } from "../eval/evaluate.js";

/** One failed trial as the proposer sees it. */
export interface Failure {
  caseId: string;
  model: string;
  prompt: string;
  output: string;
  /** The assertions that failed, with their details. */
  failed: { type: string; detail: string }[];
  activatedSkills: string[];
  /** Tool calls of the run, by name, in order (at most 12). */
  toolCalls: string[];
}

/** The key of a trial's transcript: model, case and trial number. */
export const trialKey = (t: Pick<TrialRecord, "model" | "caseId" | "trial">): string =>
  JSON.stringify([t.model, t.caseId, t.trial]);

/** Bounds on what is shown: failures, and characters of each prompt and answer. */
export const FAILURE_LIMITS = { failures: 6, promptChars: 800, outputChars: 1200 } as const;

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;

/**
 * The failed (not errored) trials of the shown cases, one per case first so that no case crowds
 * the others out, at most `max`, each clipped; `transcripts` give the tool calls of the run.
 */
export function shownFailures(
  trials: readonly TrialRecord[],
  transcripts: ReadonlyMap<string, Transcript>,
  shown: readonly string[],
  prompts: ReadonlyMap<string, string>,
  max: number = FAILURE_LIMITS.failures,
): Failure[] {
  const ids = new Set(shown);
  const failed = trials.filter((t) => ids.has(t.caseId) && t.outcome === "fail");
  const seen = new Set<string>();
  const firstOfCase = failed.filter((t) => !seen.has(t.caseId) && seen.add(t.caseId));
  const rest = failed.filter((t) => !firstOfCase.includes(t));
  return [...firstOfCase, ...rest].slice(0, max).map((t) => ({
    caseId: t.caseId,
    model: t.model,
    prompt: clip(prompts.get(t.caseId) ?? "", FAILURE_LIMITS.promptChars),
    output: clip(t.output, FAILURE_LIMITS.outputChars),
    failed: t.assertions
      .filter((a) => !a.passed)
      .map((a) => ({ type: a.type, detail: clip(a.detail, 300) })),
    activatedSkills: t.activatedSkills,
    toolCalls: (transcripts.get(trialKey(t))?.toolCalls ?? []).slice(0, 12).map((c) => c.name),
  }));
}

/** The failures as text for the proposer's prompt. */
export function formatFailures(failures: readonly Failure[]): string {
  return failures
    .map((f, i) =>
      [
        `### Failure ${i + 1} (case ${f.caseId}, model ${f.model})`,
        `Task:\n${f.prompt}`,
        `Answer:\n${f.output || "(empty)"}`,
        `Failed checks:\n${f.failed.map((a) => `- ${a.type}: ${a.detail}`).join("\n") || "- (none recorded)"}`,
        `Skills activated: ${f.activatedSkills.join(", ") || "none"}`,
        `Tool calls: ${f.toolCalls.join(", ") || "none"}`,
      ].join("\n"),
    )
    .join("\n\n");
}
