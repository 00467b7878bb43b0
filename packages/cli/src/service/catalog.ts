// The workflows `skillflow serve` can start: runnable skills from skill discovery, or a workflow file,
// found and trusted exactly as `skillflow run <ref>` finds them.
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { SkillLibrary } from "@skillflow/skills";
import {
  ServiceError,
  type LoadedWorkflow,
  type WorkflowCatalog,
  type WorkflowInfo,
} from "@skillflow/service";
import { parseWorkflowFromMd, setOwn } from "@skillflow/workflow";
import { parse as parseYaml } from "yaml";
import type { CliConfig } from "../config.js";
import { CliError } from "../errors.js";
import { readWorkflowFile } from "../files.js";
import type { Io } from "../io.js";
import { resolutionLog } from "../run/sub-workflow-tree.js";
import { libraryOptions } from "../skills/load.js";

const WORKFLOW_BLOCK = /^(`{3,}|~{3,})workflow[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*$/m;

/**
 * The `description` of each declared field, read from the document's YAML: the language keeps only
 * the types of a declaration, but tool schemas (MCP) and forms show what a field is for.
 */
function withDescriptions(fields: Record<string, unknown>, raw: unknown): Record<string, unknown> {
  if (raw === null || typeof raw !== "object") return fields;
  const described = new Map(Object.entries(raw as Record<string, unknown>));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const text = (described.get(name) as { description?: unknown } | null | undefined)?.description;
    setOwn(
      out,
      name,
      typeof text === "string" && field !== null && typeof field === "object"
        ? { ...field, description: text }
        : field,
    );
  }
  return out;
}

/** Declared inputs and outputs of a document; empty when it does not parse (a run says why). */
export function declared(content: string): Pick<WorkflowInfo, "inputs" | "outputs"> {
  let workflow;
  try {
    workflow = parseWorkflowFromMd(content);
  } catch {
    return { inputs: {}, outputs: {} };
  }
  let raw: { inputs?: unknown; outputs?: unknown } | undefined;
  try {
    raw = parseYaml(WORKFLOW_BLOCK.exec(content)?.[2] ?? content) as typeof raw;
  } catch {
    raw = undefined;
  }
  return {
    inputs: withDescriptions({ ...(workflow.inputs as Record<string, unknown>) }, raw?.inputs),
    outputs: withDescriptions({ ...(workflow.outputs as Record<string, unknown>) }, raw?.outputs),
  };
}

/** The runnable skills of `library`, each with its declared inputs and outputs. */
async function runnable(library: SkillLibrary): Promise<WorkflowInfo[]> {
  const found: WorkflowInfo[] = [];
  for (const skill of library.skills.filter((s) => s.runnable)) {
    let content: string;
    try {
      content = await readFile(skill.file, "utf8");
    } catch {
      continue; // Gone since discovery: not runnable now.
    }
    found.push({
      name: skill.name,
      ...(skill.description !== "" ? { description: skill.description } : {}),
      source: skill.file,
      ...declared(content),
    });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A refusal of `readWorkflowFile` as the service's error: unknown, or unreadable. */
function asServiceError(ref: string, error: unknown): unknown {
  if (!(error instanceof CliError)) return error;
  const code = error.code === "FILE_NOT_FOUND" ? "UNKNOWN_WORKFLOW" : "INVALID_WORKFLOW";
  const hint =
    code === "UNKNOWN_WORKFLOW"
      ? "name a runnable skill (see skillflow skills list) or a workflow file in the project"
      : "fix the document (see skillflow validate)";
  return new ServiceError(code, `${error.message}; ${hint}`, {
    details: { workflow: ref, hint },
  });
}

/** Options of `createWorkflowCatalog`. */
export interface CatalogOptions {
  /** Workflow files the configuration names (schedules, hooks): loadable even outside the project. */
  declared?: Iterable<string>;
}

const real = (file: string): Promise<string> => realpath(file).catch(() => path.resolve(file));

/** True when `file` (links followed) is the project folder `root` or inside it. */
async function inside(root: string, file: string): Promise<boolean> {
  const relative = path.relative(await real(root), await real(file));
  return !path.isAbsolute(relative) && relative.split(path.sep)[0] !== "..";
}

/** The refusal of a workflow file outside the project that the configuration does not name. */
function outsideProject(ref: string, root: string): ServiceError {
  const hint =
    "the service starts runnable skills and workflow files inside the project; move the file into the project, name it in a schedule or hook of skillflow.config, or run it with skillflow run";
  return new ServiceError("UNKNOWN_WORKFLOW", `${ref} is outside the project ${root}; ${hint}`, {
    details: { workflow: ref, hint },
  });
}

/**
 * The catalog over skill discovery in `io.cwd` with `config` (the workspace's, so disabled skills,
 * sources and trust are those `skillflow run` uses). Each `load` reads the document anew. A path
 * (not a skill name) loads only a file inside the project, or one `options.declared` names: a
 * caller of the API cannot run any file on the machine (`../../home/me/Downloads/x.md`).
 */
export function createWorkflowCatalog(
  io: Io,
  config: CliConfig,
  options: CatalogOptions = {},
): WorkflowCatalog {
  const declared = new Set(options.declared ?? []);
  return {
    async list() {
      return runnable(SkillLibrary.load(await libraryOptions(io, config)));
    },
    async load(ref: string): Promise<LoadedWorkflow> {
      let source;
      try {
        source = await readWorkflowFile(io, ref, config);
      } catch (error) {
        throw asServiceError(ref, error);
      }
      const isSkill = source.display !== ref && !source.display.startsWith(`${ref}/`);
      if (!isSkill && !declared.has(ref) && !(await inside(io.cwd, source.absolute)))
        throw outsideProject(ref, io.cwd);
      const references = await resolutionLog(io, config, source.content);
      return {
        name: isSkill ? ref.replace(/^[a-z]+:/, "") : ref,
        content: source.content,
        source: source.absolute,
        resolveWorkflow: references.resolve,
      };
    },
  };
}
