// What `skillflow serve` gives the dashboard: where its built files are (the optional
// @skillflow/dashboard package), and the data behind its skills and evaluations pages.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { readHistory } from "@skillflow/evals";
import type { CatalogProvider, EvalsProvider, SkillDetail, SkillInfo } from "@skillflow/service";
import {
  listResources,
  parseSkill,
  SkillLibrary,
  SkillNotFoundError,
  type DiscoveredSkill,
  type SkillDiagnostic,
} from "@skillflow/skills";
import { defaultHistoryPath } from "@skillflow/store";
import type { CliConfig } from "../config.js";
import type { Io } from "../io.js";
import { libraryOptions } from "../skills/load.js";
import { declared } from "./catalog.js";

/**
 * The built dashboard (`dist` of the installed @skillflow/dashboard package), or undefined when the
 * package or its build is absent: then `serve` serves the API alone.
 */
export function dashboardDir(from: string = import.meta.url): string | undefined {
  const require = createRequire(from);
  let manifest: string | undefined;
  try {
    manifest = require.resolve("@skillflow/dashboard/package.json");
  } catch {
    // A package whose `exports` leave out ./package.json is still found by its folder.
    manifest = (require.resolve.paths("@skillflow/dashboard") ?? [])
      .map((folder) => path.join(folder, "@skillflow/dashboard/package.json"))
      .find((file) => existsSync(file));
  }
  if (manifest === undefined) return undefined;
  const dist = path.join(path.dirname(manifest), "dist");
  return existsSync(path.join(dist, "index.html")) ? dist : undefined;
}

function info(library: SkillLibrary, skill: DiscoveredSkill): SkillInfo {
  const problems = library.diagnostics
    .filter((d: SkillDiagnostic) => d.file === skill.file)
    .map((d) => ({ code: d.code, message: d.message, line: d.line, column: d.column }));
  return {
    name: skill.name,
    id: skill.id,
    scope: skill.scope,
    description: skill.description,
    enabled: !skill.disabled,
    shadowed: skill.shadowedBy !== undefined,
    runnable: skill.runnable,
    trusted: library.isTrusted(skill),
    problems,
  };
}

async function detail(library: SkillLibrary, skill: DiscoveredSkill): Promise<SkillDetail> {
  const text = await readFile(skill.file, "utf8");
  const parsed = parseSkill(text);
  const { files } = await listResources(skill.dir);
  return {
    ...info(library, skill),
    body: parsed.body,
    inputs: skill.runnable ? declared(text).inputs : {},
    files: ["SKILL.md", ...files],
  };
}

/**
 * The skill catalog as `skill list` sees it (sources, disabled skills, trust), discovered again on
 * each request so the dashboard shows edits without a restart.
 */
export function skillsProvider(io: Io, config: CliConfig): CatalogProvider {
  const load = async () => SkillLibrary.load(await libraryOptions(io, config));
  return {
    async skills() {
      const library = await load();
      return library.all.map((skill) => info(library, skill));
    },
    async skill(name) {
      const library = await load();
      let skill: DiscoveredSkill;
      try {
        skill = library.get(name, { includeDisabled: true });
      } catch (error) {
        if (error instanceof SkillNotFoundError) return undefined;
        throw error;
      }
      return detail(library, skill);
    },
  };
}

/** Where `skillflow eval` keeps its data: `evals/` next to the run history. */
export function evalsDir(io: Io): string {
  return path.join(path.dirname(defaultHistoryPath({ cwd: io.cwd, env: { ...io.env } })), "evals");
}

/** The evaluation history of the project (`skillflow eval history`); reports are not listed yet. */
export function evalsProvider(io: Io): EvalsProvider {
  const dir = evalsDir(io);
  return {
    reports: () => Promise.resolve([]),
    report: () => Promise.resolve(undefined),
    history: (skill) => readHistory(path.join(dir, "history.jsonl"), skill),
  };
}
