// The labelled routing sets of docs/routing.md, loaded as the router sees them; shared by the scripts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { SkillLibrary, type LabelledTask, type RoutableSkill } from "../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const FIXTURES = path.join(ROOT, "packages/skills/test/fixtures");

/** A labelled set: its short label (`tuned`, `A`…), its library and its tasks. */
export interface LabelledSet {
  label: string;
  skills: RoutableSkill[];
  tasks: LabelledTask[];
}

const SOURCES: readonly (readonly [string, string, string])[] = [
  ["tuned", path.join(ROOT, "examples/skill-library"), "routing-set.json"],
  ...["A", "B", "C", "D", "E", "F", "G", "H"].map((letter, i) => {
    const suffix = i === 0 ? "" : `-${letter.toLowerCase()}`;
    return [
      letter,
      path.join(FIXTURES, `heldout-library${suffix}`),
      `heldout-set${suffix}.json`,
    ] as const;
  }),
];

/** The sets in the order of docs/routing.md, optionally only those with the given labels. */
export function labelledSets(only?: readonly string[]): LabelledSet[] {
  return SOURCES.filter(([label]) => !only || only.includes(label)).map(([label, root, file]) => {
    const library = SkillLibrary.load({ sources: [{ scope: "team", root }] });
    return {
      label,
      skills: library.skills.map((s) => ({
        name: s.name,
        description: s.description,
        ...(s.whenToUse !== undefined ? { whenToUse: s.whenToUse } : {}),
      })),
      tasks: JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as LabelledTask[],
    };
  });
}
