// [EXT §13.5] The host's window on sub-workflow documents: a synchronous resolver, no I/O in the core.

/** A child document as the host found it: its text and where it came from (a path or URL). */
export interface ResolvedWorkflow {
  content: string;
  /** Where the document came from; `from` for its own references and the location of its errors. */
  source?: string;
}

/** What a resolver is told about a reference: the referring document's `source` (if known). */
export interface ResolveWorkflowContext {
  from: string | undefined;
}

/**
 * Resolves the `workflow:` reference of a `workflow` step (a skill name or a relative path) to a
 * document, or `undefined` when there is none (a `WORKFLOW_UNRESOLVED` error). Synchronous (§13.9.12).
 */
export type WorkflowResolver = (
  ref: string,
  context: ResolveWorkflowContext,
) => ResolvedWorkflow | undefined;

/** Most nested documents in one run, the top document counting as 1 (§13.9.12). */
export const MAX_WORKFLOW_DEPTH = 8;

/**
 * The path a relative reference (`./sub/SKILL.md`, `../x.md`) names, seen from the referring
 * document's `source`: a pure string join for resolvers (POSIX separators); `undefined` for a
 * reference that is not relative (a skill name) or when `from` is unknown.
 */
export function relativeWorkflowPath(ref: string, from: string | undefined): string | undefined {
  if (!ref.startsWith("./") && !ref.startsWith("../")) return undefined;
  if (from === undefined) return undefined;
  const parts = from.split("/");
  parts.pop();
  for (const segment of ref.split("/")) {
    if (segment === "." || segment === "") continue;
    if (segment === "..") {
      const last = parts[parts.length - 1];
      if (last === "" && parts.length === 1) continue; // already at the root of an absolute path
      if (last !== undefined && last !== "..") parts.pop();
      else parts.push("..");
    } else parts.push(segment);
  }
  return parts.join("/");
}
