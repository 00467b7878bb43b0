// Trigger runs of one version of the skill on every model, charged to the session's budget.
import { evaluateTriggers, type TriggerCase } from "../eval/triggers.js";
import type { OtherSkills } from "./_others.js";
import type { Session } from "./_session.js";

/** Every model's trigger cases for `dir` on these sentences; `cutShort` when the budget refused a call. */
export async function triggerRuns(
  session: Session,
  dir: string,
  sentences: { shouldTrigger: string[]; shouldNotTrigger: string[] },
  others: OtherSkills,
): Promise<{ cases: TriggerCase[]; cutShort: boolean }> {
  const o = session.options;
  const refused = session.budget.refused;
  const cases: TriggerCase[] = [];
  for (const model of session.models) {
    const report = await evaluateTriggers({
      skillDir: dir,
      skill: o.suite.skillName,
      trigger: sentences,
      model,
      others: others.sources,
      repeat: o.repeat ?? 3,
      ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}),
      ...(o.secrets ? { secrets: o.secrets } : {}),
    });
    cases.push(...report.cases);
    if (session.budget.refused > refused) break;
  }
  return { cases, cutShort: session.budget.refused > refused };
}

/** Trials a trigger run of `sentences` makes (on every model). */
export const triggerTrials = (session: Session, sentences: number): number =>
  sentences * Math.max(3, session.options.repeat ?? 3) * session.models.length;
