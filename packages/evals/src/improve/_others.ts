// The other skills of the library: their descriptions, and tasks of theirs this skill must not take.
import { SkillLibrary, type SkillSource } from "@skillflow/skills";
import { loadSuite } from "../suite/load.js";
import type { EvalHost } from "../eval/evaluate.js";

/** The other skills, and sentences that belong to them (their should-trigger sentences and cases). */
export interface OtherSkills {
  sources: SkillSource[];
  skills: { name: string; description: string }[];
  /** At most `perSkill` per skill, `total` in all. */
  sentences: string[];
}

/** The host's other skills (not named `name`) and up to `perSkill` of each one's tasks. */
export async function otherSkills(
  host: EvalHost | undefined,
  name: string,
  limits = { perSkill: 5, total: 30, skills: 40 },
): Promise<OtherSkills> {
  const options = host?.skills;
  if (!options) return { sources: [], skills: [], sentences: [] };
  const { indexFile: _index, ...rest } = options;
  const library = SkillLibrary.load(rest);
  const others = library.skills.filter((s) => s.name !== name);
  const sentences: string[] = [];
  for (const skill of others) {
    if (sentences.length >= limits.total) break;
    const suite = (await loadSuite(skill.dir)).suite;
    const own = [
      ...(suite?.trigger?.shouldTrigger ?? []),
      ...(suite?.cases.map((c) => c.prompt) ?? []),
    ];
    sentences.push(...own.slice(0, limits.perSkill));
  }
  return {
    sources: [...options.sources],
    skills: others
      .slice(0, limits.skills)
      .map((s) => ({ name: s.name, description: s.description })),
    sentences: [...new Set(sentences)].slice(0, limits.total),
  };
}
