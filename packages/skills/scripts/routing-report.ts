// Prints the router's accuracy on the tuned and held-out labelled routing sets, and their misses, as Markdown.
import {
  createRouter,
  evaluateRouter,
  type LabelledTask,
  type RoutingEvaluation,
} from "../src/index.js";
import { labelledSets } from "./_labelled-sets.js";

/** `--lexical` measures the router without word vectors (`vectors: false`). */
const LEXICAL = process.argv.includes("--lexical");

const percent = ({ rate, hits, of }: { rate: number; hits: number; of: number }) =>
  `${(100 * rate).toFixed(1)}% (${hits}/${of})`;
const shown = (name: string | null) => (name === null ? "no skill" : `\`${name}\``);

/**
 * The ceiling of any "no skill" threshold on this set: top-1 / top-3 when the threshold on the first
 * candidate's confidence is chosen with hindsight to refuse just half of the tasks that fit no skill,
 * the least the goal allows. Only the router with word vectors has a confidence.
 */
function hindsight(router: ReturnType<typeof createRouter>, set: readonly LabelledTask[]): string {
  const rows = set.map(({ task, expected }) => {
    const { matches } = router.route(task, { k: 3 });
    const confidence = matches[0]?.explanation.evidence.confidence ?? 0;
    return { expected, confidence, names: matches.map((m) => m.name) };
  });
  const without = rows
    .filter((r) => r.expected === null)
    .map((r) => r.confidence)
    .sort((a, b) => a - b);
  const threshold = without.length ? without[Math.ceil(without.length / 2) - 1]! : -Infinity;
  const answered = rows.filter((r) => r.expected !== null);
  const at = (n: number) => ({
    rate: answered.filter(
      (r) => r.confidence > threshold && r.names.slice(0, n).includes(r.expected!),
    ).length,
    of: answered.length,
  });
  const cell = ({ rate, of }: { rate: number; of: number }) =>
    percent({ rate: rate / of, hits: rate, of });
  return `${cell(at(1))} / ${cell(at(3))}`;
}

const rows: string[] = [];
const misses: string[] = [];
for (const { label: short, skills, tasks: set } of labelledSets()) {
  const label = short === "tuned" ? "tuned: examples/skill-library" : `held-out ${short}`;
  const base = LEXICAL ? { vectors: false as const } : {};
  const result: RoutingEvaluation = evaluateRouter(createRouter(skills, base), set);
  const unthresholded = createRouter(skills, { ...base, minScore: 0 });
  const ranking = evaluateRouter(unthresholded, set);
  rows.push(
    `| ${label} | ${skills.length} | ${set.length} | ${percent(result.top1)} | ${percent(result.top3)} | ` +
      `${percent(result.noSkill)} | ${percent(result.noSkillPrecision)} | ${percent(ranking.top1)} / ${percent(ranking.top3)} | ` +
      `${LEXICAL ? "—" : hindsight(unthresholded, set)} |`,
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

console.log(`| Set | Skills | Tasks | Top-1 | Top-3 | No-skill recall | No-skill precision | Ranking alone: top-1 / top-3 | Best threshold with hindsight: top-1 / top-3 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

### Misses

${misses.join("\n\n")}`);
