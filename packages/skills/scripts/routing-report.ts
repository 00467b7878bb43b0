// Prints the router's accuracy on the tuned and held-out labelled routing sets, and their misses, as Markdown.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  SkillLibrary,
  createRouter,
  evaluateRouter,
  type LabelledTask,
  type RoutingEvaluation,
} from "../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const FIXTURES = path.join(ROOT, "packages/skills/test/fixtures");

/** The sets in the order of docs/routing.md; only the first one was ever tuned on. */
const SETS = [
  ["tuned: examples/skill-library", path.join(ROOT, "examples/skill-library"), "routing-set.json"],
  ["held-out A", path.join(FIXTURES, "heldout-library"), "heldout-set.json"],
  ["held-out B", path.join(FIXTURES, "heldout-library-b"), "heldout-set-b.json"],
  ["held-out C", path.join(FIXTURES, "heldout-library-c"), "heldout-set-c.json"],
  ["held-out D", path.join(FIXTURES, "heldout-library-d"), "heldout-set-d.json"],
  ["held-out E", path.join(FIXTURES, "heldout-library-e"), "heldout-set-e.json"],
  ["held-out F", path.join(FIXTURES, "heldout-library-f"), "heldout-set-f.json"],
  ["held-out G", path.join(FIXTURES, "heldout-library-g"), "heldout-set-g.json"],
  ["held-out H", path.join(FIXTURES, "heldout-library-h"), "heldout-set-h.json"],
] as const;

/** `--lexical` measures the router without word vectors (`vectors: false`). */
const LEXICAL = process.argv.includes("--lexical");

const percent = ({ rate, hits, of }: { rate: number; hits: number; of: number }) =>
  `${(100 * rate).toFixed(1)}% (${hits}/${of})`;
const shown = (name: string | null) => (name === null ? "no skill" : `\`${name}\``);

const rows: string[] = [];
const misses: string[] = [];
for (const [label, root, file] of SETS) {
  const library = SkillLibrary.load({ sources: [{ scope: "team", root }] });
  const set = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as LabelledTask[];
  const skills = library.skills.map((s) => ({
    name: s.name,
    description: s.description,
    ...(s.whenToUse !== undefined ? { whenToUse: s.whenToUse } : {}),
  }));
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
