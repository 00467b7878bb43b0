// Prints the router's accuracy on the tuned and held-out labelled routing sets, and their misses, as Markdown.
import { createRouter, evaluateRouter, type RoutingEvaluation } from "../src/index.js";
import { labelledSets } from "./_labelled-sets.js";

/** `--lexical` measures the router without word vectors (`vectors: false`). */
const LEXICAL = process.argv.includes("--lexical");

const percent = ({ rate, hits, of }: { rate: number; hits: number; of: number }) =>
  `${(100 * rate).toFixed(1)}% (${hits}/${of})`;
const shown = (name: string | null) => (name === null ? "no skill" : `\`${name}\``);

const rows: string[] = [];
const misses: string[] = [];
for (const { label: short, skills, tasks: set } of labelledSets()) {
  const label = short === "tuned" ? "tuned: examples/skill-library" : `held-out ${short}`;
  const base = LEXICAL ? { vectors: false as const } : {};
  const result: RoutingEvaluation = evaluateRouter(createRouter(skills, base), set);
  const ranking = evaluateRouter(createRouter(skills, { ...base, minScore: 0 }), set);
  rows.push(
    `| ${label} | ${skills.length} | ${set.length} | ${percent(result.top1)} | ${percent(result.top3)} | ` +
      `${percent(result.noSkill)} | ${percent(result.noSkillPrecision)} | ${percent(ranking.top1)} / ${percent(ranking.top3)} |`,
  );
  misses.push(
    `#### ${label}\n\n` +
      (result.misses.length
        ? result.misses
            .map((m) => `- "${m.task}": expected ${shown(m.expected)}, got ${shown(m.got)}`)
            .join("\n")
        : "None."),
  );
}

console.log(`| Set | Skills | Tasks | Top-1 | Top-3 | No-skill recall | No-skill precision | Ranking alone: top-1 / top-3 |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

### Misses

${misses.join("\n\n")}`);
