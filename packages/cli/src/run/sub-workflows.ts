// Resolves the `workflow:` references of a document (§13.5): a relative path from the referring
// document, confined to its skill library, or a runnable skill's name through skill discovery.
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { SkillFileError, readSkillFileSync, type SkillLibrary } from "@skillflow/skills";

/** What the runtime's `resolveWorkflow` option returns. */
export interface ResolvedWorkflow {
  content: string;
  source: string;
}

/** The runtime's `resolveWorkflow` option (synchronous, §13.9.12). */
export type WorkflowResolver = (
  ref: string,
  context: { from: string | undefined },
) => ResolvedWorkflow | undefined;

/** A skill name, optionally with its scope: `page-digest`, `team:page-digest`. */
const SKILL_NAME = /^(?:(?:project|user|team|package):)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The largest sub-workflow document read (as for the top document). */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * The folder a relative reference from `from` must stay in: the library folder that holds the
 * referring skill's folder (so sibling skills can call each other), or a bare file's own folder.
 * A document from someone else can then never make the run read `~/.ssh` or `/etc` as a workflow.
 */
export function referenceRoot(from: string): string {
  const folder = path.dirname(from);
  return path.basename(from) === "SKILL.md" ? path.dirname(folder) : folder;
}

function realInside(file: string, root: string): string | undefined {
  try {
    const real = realpathSync(file);
    const base = realpathSync(root);
    const relative = path.relative(base, real);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

function read(file: string): string | undefined {
  try {
    return readSkillFileSync(file, { maxBytes: MAX_DOCUMENT_BYTES });
  } catch (error) {
    if (error instanceof SkillFileError) return undefined;
    throw error;
  }
}

function byPath(ref: string, from: string): ResolvedWorkflow | undefined {
  if (path.isAbsolute(ref)) return undefined;
  let target = path.resolve(path.dirname(from), ref);
  try {
    if (statSync(target).isDirectory()) target = path.join(target, "SKILL.md");
  } catch {
    return undefined;
  }
  const real = realInside(target, referenceRoot(from));
  if (real === undefined) return undefined;
  const content = read(real);
  return content === undefined ? undefined : { content, source: target };
}

function byName(ref: string, library: SkillLibrary | undefined): ResolvedWorkflow | undefined {
  if (library === undefined) return undefined;
  let skill;
  try {
    skill = library.get(ref);
  } catch {
    return undefined;
  }
  if (!skill.runnable) return undefined;
  const content = read(skill.file);
  return content === undefined ? undefined : { content, source: skill.file };
}

/**
 * The resolver `skillflow run`, `validate` and `graph` pass to the runtime. A reference that looks
 * like a path (`./x/SKILL.md`, `../sibling`) is read relative to the referring document and must
 * stay inside its `referenceRoot`; a skill name (`page-digest`) is looked up in the library that
 * `skillflow skills list` shows, loaded on first use. Anything else resolves to nothing, which the
 * runtime reports as `WORKFLOW_UNRESOLVED` at the reference's line and column.
 */
export function workflowResolver(library: () => SkillLibrary | undefined): WorkflowResolver {
  let loaded: { library: SkillLibrary | undefined } | undefined;
  return (ref, { from }) => {
    if (SKILL_NAME.test(ref)) {
      loaded ??= { library: library() };
      return byName(ref, loaded.library);
    }
    return from === undefined ? undefined : byPath(ref, from);
  };
}
