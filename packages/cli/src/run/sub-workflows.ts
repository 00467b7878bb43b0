// Resolves the `workflow:` references of a document (§13.5): a relative path from the referring
// document, confined to its skill library, or a runnable skill's name through skill discovery.
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { SkillFileError, readSkillFileSync, type SkillLibrary } from "@skillflow/skills";
import type {
  ResolvedWorkflow as RuntimeResolvedWorkflow,
  ResolveWorkflowContext,
} from "@skillflow/workflow";

/** What the runtime's `resolveWorkflow` option returns; here `source` is always the file read. */
export type ResolvedWorkflow = RuntimeResolvedWorkflow & { source: string };

/** The runtime's `resolveWorkflow` option (synchronous, §13.9.12), with that narrower result. */
export type WorkflowResolver = (
  ref: string,
  context: ResolveWorkflowContext,
) => ResolvedWorkflow | undefined;

/** Why the resolver found no document for a reference (for messages; the runtime only says WORKFLOW_UNRESOLVED). */
export type Refusal =
  | { code: "OUTSIDE_LIBRARY"; root: string }
  | { code: "ABSOLUTE_PATH" }
  | { code: "NO_SOURCE" }
  | { code: "NOT_FOUND"; path: string }
  | { code: "UNREADABLE"; path: string; message: string }
  | { code: "NO_LIBRARY" }
  | { code: "UNKNOWN_SKILL"; message: string }
  | { code: "NOT_RUNNABLE"; file: string };

/** Told why a reference resolved to nothing. */
export type RefusalListener = (ref: string, from: string | undefined, refusal: Refusal) => void;

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

/** The real path of `file` when it is inside `root`, else the refusal. */
function realInside(file: string, root: string): string | Refusal {
  let real;
  try {
    real = realpathSync(file);
  } catch {
    return { code: "NOT_FOUND", path: file };
  }
  try {
    const relative = path.relative(realpathSync(root), real);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative))
      return { code: "OUTSIDE_LIBRARY", root };
    return real;
  } catch {
    return { code: "OUTSIDE_LIBRARY", root };
  }
}

function read(file: string): string | Refusal {
  try {
    return readSkillFileSync(file, { maxBytes: MAX_DOCUMENT_BYTES });
  } catch (error) {
    if (error instanceof SkillFileError)
      return error.code === "NOT_FOUND"
        ? { code: "NOT_FOUND", path: file }
        : { code: "UNREADABLE", path: file, message: error.message };
    throw error;
  }
}

function byPath(ref: string, from: string): ResolvedWorkflow | Refusal {
  if (path.isAbsolute(ref)) return { code: "ABSOLUTE_PATH" };
  let target = path.resolve(path.dirname(from), ref);
  const root = referenceRoot(from);
  const relative = path.relative(root, target);
  if (relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
    return { code: "OUTSIDE_LIBRARY", root };
  try {
    if (statSync(target).isDirectory()) target = path.join(target, "SKILL.md");
  } catch {
    return { code: "NOT_FOUND", path: target };
  }
  const real = realInside(target, root);
  if (typeof real !== "string") return real;
  const content = read(real);
  return typeof content === "string" ? { content, source: target } : content;
}

function byName(ref: string, library: SkillLibrary | undefined): ResolvedWorkflow | Refusal {
  if (library === undefined) return { code: "NO_LIBRARY" };
  let skill;
  try {
    skill = library.get(ref);
  } catch (error) {
    return { code: "UNKNOWN_SKILL", message: (error as Error).message };
  }
  if (!skill.runnable) return { code: "NOT_RUNNABLE", file: skill.file };
  const content = read(skill.file);
  return typeof content === "string" ? { content, source: skill.file } : content;
}

/**
 * The resolver `skillflow run`, `validate` and `graph` pass to the runtime. A reference that looks
 * like a path (`./x/SKILL.md`, `../sibling`) is read relative to the referring document and must
 * stay inside its `referenceRoot`; a skill name (`page-digest`) is looked up in the library that
 * `skillflow skills list` shows, loaded on first use. Anything else resolves to nothing, which the
 * runtime reports as `WORKFLOW_UNRESOLVED` at the reference's line and column; `onRefusal` is told
 * why (for the CLI's own messages).
 */
export function workflowResolver(
  library: () => SkillLibrary | undefined,
  onRefusal?: RefusalListener,
): WorkflowResolver {
  let loaded: { library: SkillLibrary | undefined } | undefined;
  return (ref, { from }) => {
    let found: ResolvedWorkflow | Refusal;
    if (SKILL_NAME.test(ref)) {
      loaded ??= { library: library() };
      found = byName(ref, loaded.library);
    } else found = from === undefined ? { code: "NO_SOURCE" } : byPath(ref, from);
    if ("content" in found) return found;
    onRefusal?.(ref, from, found);
    return undefined;
  };
}
