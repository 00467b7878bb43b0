// Prints the router's accuracy on the labelled routing set, and its misses, as Markdown.
import { readFileSync } from "node:fs";
import path from "node:path";
import { SkillLibrary, createRouter, evaluateRouter, type LabelledTask } from "../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const library = SkillLibrary.load({
  sources: [{ scope: "team", root: path.join(ROOT, "examples/skill-library") }],
});
const set = JSON.parse(
  readFileSync(path.join(ROOT, "packages/skills/test/fixtures/routing-set.json"), "utf8"),
) as LabelledTask[];
const skills = library.skills.map((s) => ({
  name: s.name,
  description: s.description,
  ...(s.whenToUse !== undefined ? { whenToUse: s.whenToUse } : {}),
}));
const result = evaluateRouter(createRouter(skills), set);
const percent = ({ rate, hits, of }: { rate: number; hits: number; of: number }) =>
  `${(100 * rate).toFixed(1)}% (${hits}/${of})`;
const shown = (name: string | null) => (name === null ? "no skill" : `\`${name}\``);

console.log(`| Metric | Value |
| --- | --- |
| Skills | ${skills.length} |
| Labelled tasks | ${set.length} |
| Top-1 accuracy | ${percent(result.top1)} |
| Top-3 accuracy | ${percent(result.top3)} |
| No-skill accuracy | ${percent(result.noSkill)} |

### Misses

${result.misses.length ? result.misses.map((m) => `- "${m.task}": expected ${shown(m.expected)}, got ${shown(m.got)}`).join("\n") : "None."}`);
