// Lock entries one at a time: entries skillflow leaves to the `skills` CLI, and a source that fails
// becoming that entry's refusal instead of the whole restore's.
import { SkillFileError } from "../read-file.js";
import { ArchiveError } from "./_archive-error.js";
import { SourceError } from "./_source-error.js";
import type { LockEntry } from "./lockfile.js";

/** A lock entry that was not restored, checked or updated, and why (install.ts's `Refusal`). */
export interface EntryNote {
  name: string;
  code: "SOURCE_FAILED" | "UNSUPPORTED_SOURCE";
  reason: string;
  /** The source error's own code (SOURCE_FAILED), e.g. PRIVATE_NETWORK or NOT_FOUND. */
  cause?: string;
}

/**
 * An entry skillflow does not restore: `skills` records the skills of installed npm packages as
 * `node_modules` entries, which its own `experimental_install` syncs. A warning, never a failure.
 */
export function unsupportedEntry(name: string, entry: LockEntry): EntryNote | undefined {
  if (entry.sourceType !== "node_modules") return undefined;
  return {
    name,
    code: "UNSUPPORTED_SOURCE",
    reason: `${entry.source}: a node_modules entry (a skill of an installed package) is left to the skills CLI (npx skills experimental_install); left as it is`,
  };
}

/**
 * Runs one entry's work; a source that cannot be parsed or fetched (or unpacked, or read) becomes
 * SOURCE_FAILED for that entry, so the other entries still go ahead. Anything else is a bug.
 */
export async function perEntry<T>(
  name: string,
  entry: LockEntry,
  work: () => Promise<T>,
): Promise<T | EntryNote> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof SourceError ||
      error instanceof ArchiveError ||
      error instanceof SkillFileError
    ) {
      const cause = String(error.code);
      return {
        name,
        code: "SOURCE_FAILED",
        reason: `${entry.source}${entry.ref !== undefined ? ` at ${entry.ref}` : ""}: ${error.message}`,
        cause,
      };
    }
    throw error;
  }
}

/** Whether `value` is the note `perEntry` returns for a failed source. */
export function isEntryNote(value: unknown): value is EntryNote {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    (value.code === "SOURCE_FAILED" || value.code === "UNSUPPORTED_SOURCE") &&
    !("dir" in value)
  );
}
