// Enforces the one-way layering of @skillflow/workflow (and reports import cycles between its files),
// and which @skillflow packages each package's sources may import (the architecture table).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../packages/workflow/src");

/** Lower ranks are lower layers; a folder may import only strictly lower ranks (or itself). */
const RANK: Record<string, number> = {
  model: 0,
  diagnostics: 1,
  expression: 2,
  parse: 3,
  validate: 3,
  compile: 4,
  execute: 5,
  adapters: 5,
  runtime: 6,
  compat: 7,
  testing: 7,
  ".": 8,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(root, file);
  return rel.includes("/") ? rel.split("/")[0]! : ".";
}

const importPattern = /^\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/gm;
const graph = new Map<string, string[]>();
const problems: string[] = [];

for (const file of files(root)) {
  const targets: string[] = [];
  for (const match of readFileSync(file, "utf8").matchAll(importPattern)) {
    const target = resolve(dirname(file), match[1]!.replace(/\.js$/, ".ts"));
    targets.push(target);
    const from = layerOf(file);
    const to = layerOf(target);
    if (from === to) continue;
    const fromRank = RANK[from];
    const toRank = RANK[to];
    if (fromRank === undefined || toRank === undefined)
      problems.push(`${relative(root, file)}: unknown layer ${from} or ${to}`);
    else if (toRank >= fromRank)
      problems.push(
        `${relative(root, file)} (${from}) must not import ${relative(root, target)} (${to})`,
      );
  }
  graph.set(file, targets);
}

const state = new Map<string, "visiting" | "done">();
function visit(file: string, path: string[]): void {
  if (state.get(file) === "done") return;
  if (state.get(file) === "visiting") {
    const cycle = path.slice(path.indexOf(file)).concat(file);
    problems.push(`import cycle: ${cycle.map((f) => relative(root, f)).join(" → ")}`);
    return;
  }
  state.set(file, "visiting");
  for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
  state.set(file, "done");
}
for (const file of graph.keys()) visit(file, []);

/** Packages a package's `src/` may import; layers import downward only. */
const ALLOWED: Record<string, readonly string[]> = {
  workflow: [],
  skills: ["workflow"],
  tools: ["workflow"],
  store: ["workflow"],
  evals: ["workflow", "skills", "tools", "store"],
  service: ["workflow", "skills", "tools", "store", "evals"],
  mcp: ["workflow", "skills", "tools", "store", "evals", "service"],
  dashboard: [],
  cli: ["workflow", "skills", "tools", "store", "evals", "service", "mcp", "dashboard"],
};
const packagesRoot = resolve(import.meta.dirname, "../packages");
const packageImport = /^\s*(?:import|export)\s[^;]*?from\s+["']@skillflow\/([a-z-]+)/gm;
let packageFiles = 0;
for (const pkg of readdirSync(packagesRoot)) {
  const src = join(packagesRoot, pkg, "src");
  const allowed = ALLOWED[pkg];
  if (allowed === undefined) {
    problems.push(`packages/${pkg}: not in the architecture table of scripts/check-layers.ts`);
    continue;
  }
  for (const file of files(src)) {
    packageFiles++;
    for (const match of readFileSync(file, "utf8").matchAll(packageImport))
      if (match[1] !== pkg && !allowed.includes(match[1]!))
        problems.push(`${relative(packagesRoot, file)} must not import @skillflow/${match[1]}`);
  }
}

if (problems.length > 0) {
  console.error(`Layering problems:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`layers ok (${graph.size} workflow files, ${packageFiles} package files)`);
