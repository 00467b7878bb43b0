// Prints the router's accuracy on the labelled routing set, and its misses, as Markdown.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createRouter, type RoutableSkill, type Router } from "../src/route/index.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const LIBRARY = path.join(ROOT, "examples/skill-library");
const SET = path.join(ROOT, "packages/skills/test/fixtures/routing-set.json");

interface Labelled {
  task: string;
  expected: string | null;
}

function skillFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skillFiles(full);
    return entry.name === "SKILL.md" ? [full] : [];
  });
}

function readSkill(file: string): RoutableSkill {
  const [, frontmatter = ""] = readFileSync(file, "utf8").split(/^---$/m);
  const data = parse(frontmatter) as Record<string, string>;
  const skill: RoutableSkill = { name: data.name!, description: data.description! };
  if (data.when_to_use) skill.whenToUse = data.when_to_use;
  return skill;
}

function evaluate(router: Router, set: readonly Labelled[]) {
  const misses: string[] = [];
  let top1 = 0;
  let top3 = 0;
  let rejected = 0;
  for (const { task, expected } of set) {
    const { matches } = router.route(task, { k: 3 });
    const names = matches.map((match) => match.name);
    const got = names[0] ?? "(no skill)";
    if (expected === null) {
      if (matches.length === 0) rejected++;
      else misses.push(`- "${task}": expected no skill, got \`${got}\``);
      continue;
    }
    if (names[0] === expected) top1++;
    else misses.push(`- "${task}": expected \`${expected}\`, got \`${got}\``);
    if (names.includes(expected)) top3++;
  }
  const withSkill = set.filter((entry) => entry.expected !== null).length;
  const percent = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
  return {
    top1: percent(top1, withSkill),
    top3: percent(top3, withSkill),
    noSkill: percent(rejected, set.length - withSkill),
    misses,
  };
}

const skills = skillFiles(LIBRARY).map(readSkill);
const set = JSON.parse(readFileSync(SET, "utf8")) as Labelled[];
const result = evaluate(createRouter(skills), set);

console.log(`| Metric | Value |
| --- | --- |
| Skills | ${skills.length} |
| Labelled tasks | ${set.length} |
| Top-1 accuracy | ${result.top1} |
| Top-3 accuracy | ${result.top3} |
| No-skill accuracy | ${result.noSkill} |

### Misses

${result.misses.length ? result.misses.join("\n") : "None."}`);
