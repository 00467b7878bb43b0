// What `skillflow serve` gives the dashboard: where its built files are (@skillflow/dashboard, if
// installed and built), and the data behind its skills and evaluations pages.
import { existsSync } from "node:fs";
import path from "node:path";
import {
  EvalReportError,
  evalsDir,
  listEvalReports,
  readEvalHistory,
  readEvalReport,
} from "@skillflow/evals";
import {
  ApiError,
  type CatalogProvider,
  type EvalsProvider,
  type SkillDetail,
  type SkillInfo,
  type SkillProblem,
} from "@skillflow/service";
import {
  listResources,
  parseSkill,
  readSkillFile,
  SkillFileError,
  SkillLibrary,
  SkillNotFoundError,
  validateSkill,
  type DiscoveredSkill,
  type SkillDiagnostic,
} from "@skillflow/skills";
import type { CliConfig } from "../config.js";
import type { Io } from "../io.js";
import { libraryOptions } from "../skills/load.js";
import { declared } from "./catalog.js";

/** What the dashboard package offers (`@skillflow/dashboard`). */
interface DashboardPackage {
  dashboardDir(): string | undefined;
}

const loadDashboard = async (): Promise<DashboardPackage> => import("@skillflow/dashboard");

/**
 * The built dashboard (the folder `@skillflow/dashboard`'s `dashboardDir()` names), or undefined
 * when the package is not installed or was not built: then `serve` serves the API alone.
 */
export async function dashboardDir(load = loadDashboard): Promise<string | undefined> {
  let pkg: DashboardPackage;
  try {
    pkg = await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
  const dir = pkg.dashboardDir();
  return dir !== undefined && existsSync(path.join(dir, "index.html")) ? dir : undefined;
}

/** Where a browser reaches a server listening on `url` (an unspecified address is this machine). */
export function browserUrl(url: string): string {
  return url.replace(/^http:\/\/(?:0\.0\.0\.0|\[::\])(?=:\d+$)/, "http://127.0.0.1");
}

/**
 * What discovery said about the skill's file and what `skills validate` says of it (each problem
 * once), so the catalog shows the same problems as the command line.
 */
async function problemsOf(
  library: SkillLibrary,
  skill: DiscoveredSkill,
  text: string | undefined,
): Promise<SkillProblem[]> {
  const found: SkillDiagnostic[] = library.diagnostics.filter((d) => d.file === skill.file);
  if (text !== undefined) {
    const validation = await validateSkill(text, {
      file: skill.file,
      folderName: path.basename(skill.dir),
    });
    found.push(...validation.diagnostics);
  }
  const seen = new Set<string>();
  const problems: SkillProblem[] = [];
  for (const d of found) {
    const key = `${d.code}\0${d.line}\0${d.column}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.line,
      column: d.column,
    });
  }
  return problems;
}

/** The skill's SKILL.md text, or a problem saying why it cannot be read. */
async function skillText(skill: DiscoveredSkill): Promise<string | SkillProblem> {
  try {
    return await readSkillFile(skill.file);
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    return { code: "UNREADABLE", severity: "error", message: error.message, line: 1, column: 1 };
  }
}

async function info(
  library: SkillLibrary,
  skill: DiscoveredSkill,
  text: string | SkillProblem,
): Promise<SkillInfo> {
  const problems =
    typeof text === "string"
      ? await problemsOf(library, skill, text)
      : [text, ...(await problemsOf(library, skill, undefined))];
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
  const text = await skillText(skill);
  const readable = typeof text === "string";
  const { files } = await listResources(skill.dir);
  return {
    ...(await info(library, skill, text)),
    body: readable ? parseSkill(text).body : "",
    inputs: readable && skill.runnable ? declared(text).inputs : {},
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
      return Promise.all(
        library.all.map(async (skill) => info(library, skill, await skillText(skill))),
      );
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

/** A saved report that exists but cannot be read, as the API's coded answer. */
function damaged(error: unknown): unknown {
  if (!(error instanceof EvalReportError)) return error;
  return new ApiError(500, "EVAL_REPORT_DAMAGED", error.message, { problem: error.code });
}

/**
 * The saved evaluation reports and the history of the project (`skillflow eval` writes them in the
 * evals folder next to the run history), read on each request.
 */
export function evalsProvider(io: Io): EvalsProvider {
  const dir = evalsDir({ cwd: io.cwd, env: { ...io.env } });
  return {
    // A damaged file is left out of the list (never fails it); its id then answers why.
    reports: async () => [...(await listEvalReports(dir))],
    async report(id) {
      try {
        return await readEvalReport(dir, id);
      } catch (error) {
        throw damaged(error);
      }
    },
    history: (skill) => readEvalHistory(dir, skill),
  };
}
