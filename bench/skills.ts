// Skills scenarios of `npm run bench` (invoked by bench/run.ts): discovery of 10,000 skills cold and
// from the index, routing, against hand-written loops; and the catalog's size against the bodies.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { countTokens } from "gpt-tokenizer";
import {
  SkillLibrary,
  bundledWordVectors,
  createRouter,
  discoverSkills,
  type RoutableSkill,
  type WordVectors,
} from "@skillflow/skills";
import type { Measure, Measured, Spread } from "./cli.js";

/** A row: `runtimeMs` is skillflow's side, `baselineMs` the hand-written loop. */
export interface SkillsRow {
  scenario: string;
  runtimeMs: number;
  baselineMs: number;
  ratio: number;
  target: number;
  spread?: Spread;
}

const COUNT = 10_000;
const VOCABULARY = Array.from({ length: 4000 }, (_, i) => `w${i.toString(36)}`);
let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const words = (n: number) =>
  Array.from({ length: n }, () => VOCABULARY[next() % VOCABULARY.length]!);

/** 10,000 skills in 100 category folders, each with a 3-field frontmatter and a 30-line body. */
function generate(root: string): RoutableSkill[] {
  const skills: RoutableSkill[] = [];
  for (let i = 0; i < COUNT; i++) {
    const name = `skill-${i}`;
    const dir = join(root, `category-${i % 100}`, name);
    mkdirSync(dir, { recursive: true });
    const description = `${words(20).join(" ")}.`;
    const whenToUse = words(8).join(" ");
    const body = Array.from({ length: 30 }, () => `- ${words(10).join(" ")}`).join("\n");
    writeFileSync(
      join(dir, "SKILL.md"),
      `---\nname: ${name}\ndescription: ${description}\nwhen_to_use: ${whenToUse}\n---\n\n# ${name}\n\n${body}\n`,
    );
    skills.push({ name, description, whenToUse });
  }
  return skills;
}

/** The hand-written loop: walk the folders, read every SKILL.md, parse its frontmatter with `yaml`. */
function handDiscovery(root: string): { name: string; description: string }[] {
  const found: { name: string; description: string }[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.name === "SKILL.md")) {
      const text = readFileSync(join(dir, "SKILL.md"), "utf8");
      const end = text.indexOf("\n---", 4);
      const meta = parse(text.slice(4, end)) as { name: string; description: string };
      found.push({ name: meta.name, description: meta.description });
      return;
    }
    for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(root);
  return found;
}

/** The hand-written router: count the task's words in each skill's words, keep the best. */
function naiveRoute(task: string, sets: readonly Set<string>[]): number {
  let best = -1;
  let bestCount = 0;
  const query = task.split(" ");
  for (let i = 0; i < sets.length; i++) {
    let count = 0;
    for (const word of query) if (sets[i]!.has(word)) count++;
    if (count > bestCount) [best, bestCount] = [i, count];
  }
  return best;
}

/**
 * The hand-written router by meaning: the task's mean word vector against each skill's (prepared in
 * advance), plus the word count of `naiveRoute`; keep the best.
 */
function naiveMeaningRoute(
  task: string,
  sets: readonly Set<string>[],
  means: readonly Float32Array[],
  vectors: WordVectors,
): number {
  const query = task.split(" ");
  const mean = vectors.mean(query);
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < sets.length; i++) {
    let score = 0;
    for (const word of query) if (sets[i]!.has(word)) score++;
    const skill = means[i]!;
    for (let d = 0; d < mean.length; d++) score += 0.1 * mean[d]! * skill[d]!;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** Per task, the fastest of 5 calls: a garbage collection landing in one call is not the task's cost. */
function timeEach(tasks: readonly string[], fn: (task: string) => unknown): number[] {
  return tasks.map((task) => {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      fn(task);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  });
}

/** Runs the skills scenarios; returns rows and the catalog figures. */
export async function benchSkills(measure: Measure, quick: boolean) {
  const root = mkdtempSync(join(tmpdir(), "skillflow-bench-skills-"));
  const index = join(mkdtempSync(join(tmpdir(), "skillflow-bench-index-")), "index.json");
  try {
    const skills = generate(root);
    const sources = [{ scope: "team" as const, root }];
    const runs = quick ? 3 : 7;
    const rows: SkillsRow[] = [];
    const add = (scenario: string, [runtimeMs, baselineMs, spread]: Measured, target: number) =>
      rows.push({ scenario, runtimeMs, baselineMs, ratio: runtimeMs / baselineMs, target, spread });

    if (discoverSkills({ sources }).skills.length !== COUNT)
      throw new Error("discovery lost skills");
    add(
      "8. discover 10,000 skills, cold (no index)",
      await measure(
        () => discoverSkills({ sources }),
        () => handDiscovery(root),
        runs,
      ),
      1.5,
    );
    discoverSkills({ sources, indexFile: index });
    add(
      "9. list 10,000 skills, warm (from the index)",
      await measure(
        () => discoverSkills({ sources, indexFile: index }),
        () => handDiscovery(root),
        runs,
      ),
      0.2,
    );

    const router = createRouter(skills, { vectors: false });
    const sets = skills.map(
      (s) => new Set(`${s.name} ${s.description} ${s.whenToUse}`.split(/[\s.-]+/)),
    );
    const tasks = Array.from({ length: 100 }, () => words(8).join(" "));
    for (let i = 0; i < 3; i++) {
      timeEach(tasks, (t) => router.route(t));
      timeEach(tasks, (t) => naiveRoute(t, sets));
    }
    const routed = timeEach(tasks, (t) => router.route(t));
    const scanned = timeEach(tasks, (t) => naiveRoute(t, sets));
    const vectors = bundledWordVectors();
    const meaningRouter = createRouter(skills);
    const means = sets.map((set) => vectors.mean([...set].map((w) => w.toLowerCase())));
    for (let i = 0; i < 3; i++) {
      timeEach(tasks, (t) => meaningRouter.route(t));
      timeEach(tasks, (t) => naiveMeaningRoute(t, sets, means, vectors));
    }
    const meant = timeEach(tasks, (t) => meaningRouter.route(t));
    const meantScan = timeEach(tasks, (t) => naiveMeaningRoute(t, sets, means, vectors));
    rows.push(
      {
        scenario: "10a. route over 10,000 skills, median of 100 tasks",
        runtimeMs: percentile(routed, 50),
        baselineMs: percentile(scanned, 50),
        ratio: percentile(routed, 50) / percentile(scanned, 50),
        target: 0.1,
      },
      {
        scenario: "10b. route over 10,000 skills, p99 of 100 tasks",
        runtimeMs: percentile(routed, 99),
        baselineMs: percentile(scanned, 99),
        ratio: percentile(routed, 99) / percentile(scanned, 99),
        target: 0.1,
      },
      {
        scenario: "10c. route by meaning over 10,000 skills, median of 100 tasks",
        runtimeMs: percentile(meant, 50),
        baselineMs: percentile(meantScan, 50),
        ratio: percentile(meant, 50) / percentile(meantScan, 50),
        target: 1.5,
      },
    );

    const library = SkillLibrary.load({
      sources: [{ scope: "team", root: resolve(import.meta.dirname, "../examples/skill-library") }],
    });
    const catalog = await library.catalog();
    let bodies = 0;
    for (const skill of library.skills) {
      const text = readFileSync(skill.file, "utf8");
      bodies += countTokens(text.slice(text.indexOf("\n---", 4) + 4));
    }
    return {
      rows,
      catalog: { skills: library.skills.length, catalogTokens: catalog.tokens, bodyTokens: bodies },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(resolve(index, ".."), { recursive: true, force: true });
  }
}
