// The harness each condition runs in: the same host (system prompt, tools, other skills) for all,
// differing only in whether the skill under test is available.
import path from "node:path";
import { SkillLibrary, type SkillLibraryOptions } from "@skillflow/skills";
import type { AgentOptions } from "../agent/run.js";
import type { Condition, EvaluateOptions } from "./evaluate.js";

/** How the skill under test is made available in the conditions that have it. */
export type EvalMode = "catalog" | "loaded";

/** What a condition adds to the host's agent options: its library and the skills loaded up front. */
export type ConditionHarness = Pick<AgentOptions, "library" | "loadedSkills" | "tools" | "system">;

function skillDirOf(options: EvaluateOptions, condition: Condition): string | undefined {
  if (condition === "with") return options.skillDir;
  if (condition === "previous") return options.previousDir;
  return undefined;
}

/** The host's skills, plus (first, so it shadows a namesake) the skill folder when given. */
function libraryOf(options: EvaluateOptions, dir: string | undefined): SkillLibrary {
  const host: Partial<SkillLibraryOptions> = options.host?.skills ?? {};
  const name = options.suite.skillName;
  const trust = new Map(host.trust?.skills ?? []);
  for (const key of [...trust.keys()])
    if (key === name || key.endsWith(`:${name}`)) trust.delete(key);
  trust.set(name, options.trustSkill === true);
  const disabled = (host.disabled ?? []).filter((d) => d !== name && !d.endsWith(`:${name}`));
  const { indexFile: _index, ...rest } = host;
  return SkillLibrary.load({
    ...rest,
    // The skill is its own source: no namesake among the host's skills can stand in for it, and
    // in the baseline every namesake is disabled, so the skill is out of reach there.
    sources: [
      ...(dir !== undefined ? [{ scope: "team" as const, root: path.resolve(dir) }] : []),
      ...(host.sources ?? []),
    ],
    disabled: dir === undefined ? [...disabled, name] : disabled,
    trust: { ...host.trust, skills: trust },
  });
}

/**
 * The agent options of `condition`: every condition gets the host's system prompt, tools and other
 * skills (the skill tools are offered even when no skill is), and in `catalog` mode the skill
 * under test is one more catalog entry, in `loaded` mode its activation is in the system prompt.
 */
export function conditionHarness(options: EvaluateOptions, condition: Condition): ConditionHarness {
  const dir = skillDirOf(options, condition);
  const library = libraryOf(options, dir);
  const loaded = dir !== undefined && (options.mode ?? "catalog") === "loaded";
  return {
    library,
    loadedSkills: loaded ? [options.suite.skillName] : [],
    ...(options.host?.tools ? { tools: options.host.tools } : {}),
    ...(options.host?.system !== undefined ? { system: options.host.system } : {}),
  };
}

/** Why the evaluation cannot measure what it says, given the harness of the `with` condition. */
export function harnessWarnings(options: EvaluateOptions, harness: ConditionHarness): string[] {
  const name = options.suite.skillName;
  const skill = harness.library?.all.find((s) => s.name === name);
  if (!skill)
    return [
      `no skill named "${name}" (the suite's skill_name) in ${options.skillDir}: every condition runs without it`,
    ];
  const offered = harness.library?.entries().some((e) => e.name === name) === true;
  if ((options.mode ?? "catalog") === "catalog" && !offered)
    return [
      `"${name}" is not offered in the catalog (disable-model-invocation): the model cannot activate it; use --mode loaded`,
    ];
  return [];
}
