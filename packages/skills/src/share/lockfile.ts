// skills-lock.json: what was installed from where, compatible with the lockfile people already commit.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { SkillFileError, openRegularFile, readSkillFile } from "../read-file.js";
import { setOwn, visible } from "@skillflow/workflow";
import { writeFileAtomic } from "./_fsx.js";

/** The lockfile's name at the project root. */
export const LOCK_FILE = "skills-lock.json";

/** One installed skill. Fields beyond the common ones (`commit`) are additions others ignore. */
export interface LockEntry {
  /** What the user asked for: a path, URL, `npm:` spec. */
  source: string;
  /**
   * `local`, `archive`, `git`, `github`, `gitlab`, `url`, `npm`, `well-known`; `skills` also writes
   * `node_modules` (skills of installed packages), which skillflow skips with a warning.
   */
  sourceType: string;
  /** The resolved location (absolute path or URL). */
  sourceUrl?: string;
  /** The branch, tag or commit asked for. */
  ref?: string;
  /** The commit it resolved to (git sources). */
  commit?: string;
  /** The skill's SKILL.md inside the source, `/`-separated. */
  skillPath?: string;
  /** SHA-256 (hex) over the installed folder: every file's relative path and bytes, in path order. */
  computedHash: string;
}

/** The lockfile: version 1, skills by name (an object without a prototype: names are someone else's). */
export interface Lockfile {
  version: 1;
  skills: Record<string, LockEntry>;
}

/** An empty `skills` table: no prototype, so a name like `constructor` finds only its own entry. */
export function skillTable(entries: object = {}): Record<string, LockEntry> {
  return Object.assign(Object.create(null) as Record<string, LockEntry>, entries);
}

/** Thrown for a lockfile that cannot be read as version 1. */
export class LockfileError extends Error {
  override readonly name = "LockfileError";
}

/** The largest lockfile read (tens of thousands of entries). */
const MAX_LOCKFILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads the lockfile; a missing one is empty, a broken one throws naming the file (so does one that
 * is not a regular file, or is over 16 MiB: a committed lockfile is someone else's file).
 */
export async function readLockfile(file: string): Promise<Lockfile> {
  let text: string;
  try {
    text = await readSkillFile(file, { maxBytes: MAX_LOCKFILE_BYTES, hint: "not a lockfile" });
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    if (error.code === "NOT_FOUND") return { version: 1, skills: skillTable() };
    throw new LockfileError(
      `${error.message}; a lockfile must be a JSON file: delete or restore it`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LockfileError(
      `${file}: not valid JSON (${(error as Error).message}); resolve conflicts or delete it`,
    );
  }
  const lock = data as Partial<Lockfile> | null;
  // `skills` reads a lockfile without a `skills` table as empty; so does skillflow.
  if (lock !== null && typeof lock === "object" && lock.version === 1 && lock.skills === undefined)
    return { version: 1, skills: skillTable() };
  if (
    lock === null ||
    typeof lock !== "object" ||
    lock.version !== 1 ||
    typeof lock.skills !== "object" ||
    lock.skills === null ||
    Array.isArray(lock.skills)
  )
    throw new LockfileError(`${file}: expected { "version": 1, "skills": { ... } }`);
  for (const [name, entry] of Object.entries(lock.skills)) {
    const problem = entryProblem(name, entry);
    if (problem !== undefined)
      throw new LockfileError(
        `${file}: the entry ${JSON.stringify(visible(name))} ${problem}; fix or remove it`,
      );
  }
  return { version: 1, skills: skillTable(lock.skills) };
}

/**
 * Whether `name` can name a skill folder: one path segment, no leading dot, no separators or
 * control characters. A lockfile is someone else's file, and its names become paths that are
 * created and removed.
 */
export function isSkillFolderName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.startsWith(".") &&
    !/[/\\:]/.test(name) &&
    ![...name].some((char) => char < " " || char === "\u007f")
  );
}

const OPTIONAL_STRINGS = ["sourceType", "sourceUrl", "ref", "commit", "skillPath", "computedHash"];

/** Why an entry cannot be used, or undefined. */
function entryProblem(name: string, entry: unknown): string | undefined {
  if (!isSkillFolderName(name))
    return "is not a skill folder name (one path segment, no leading dot, no / \\ or :)";
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return "must be an object";
  const fields = entry as Record<string, unknown>;
  if (typeof fields.source !== "string" || fields.source === "") return 'needs a "source" string';
  const bad = OPTIONAL_STRINGS.find(
    (key) => fields[key] !== undefined && typeof fields[key] !== "string",
  );
  return bad === undefined ? undefined : `has a "${bad}" that is not a string`;
}

/**
 * Writes the lockfile atomically (temp file, then rename) exactly as the `skills` CLI writes it:
 * `version` then `skills`, skill names sorted, each entry's fields in their own order, two-space
 * indent and a trailing newline, so a lockfile both tools write does not churn.
 */
export async function writeLockfile(file: string, lock: Lockfile): Promise<void> {
  const skills = Object.fromEntries(
    Object.keys(lock.skills)
      .sort()
      .map((name) => [name, lock.skills[name]]),
  );
  await writeFileAtomic(file, `${JSON.stringify({ version: lock.version, skills }, null, 2)}\n`);
}

/** The fields of an entry in the order `skills` writes them; `commit` (skillflow's) comes last. */
const FIELD_ORDER = ["source", "sourceUrl", "ref", "sourceType", "skillPath", "computedHash"];

/** An entry with its fields in `skills`' order (fields it does not know keep theirs, after). */
export function orderedEntry(entry: LockEntry): LockEntry {
  const known = FIELD_ORDER.filter((key) => Object.hasOwn(entry, key));
  const rest = Object.keys(entry).filter((key) => !FIELD_ORDER.includes(key));
  return Object.fromEntries(
    [...known, ...rest].map((key) => [key, (entry as unknown as Record<string, unknown>)[key]]),
  ) as unknown as LockEntry;
}

/**
 * The entry that replaces `previous` (the same skill reinstalled or updated from the same source):
 * `previous` keeps its shape, field for field and in its order, with `fresh`'s values; fields only
 * `previous` has (another tool's) stay, and `fresh` adds `sourceUrl` or `commit` only where
 * `previous` had them. Reinstalling an unchanged skill rewrites its entry byte for byte.
 */
export function keepShape(previous: LockEntry, fresh: LockEntry): LockEntry {
  const before = previous as unknown as Record<string, unknown>;
  const after = fresh as unknown as Record<string, unknown>;
  // Field names are someone else's: `setOwn` keeps a `__proto__` field a field.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (Object.hasOwn(after, key)) setOwn(out, key, after[key]);
    else if (!FIELD_ORDER.includes(key) && key !== "commit") setOwn(out, key, before[key]);
  }
  for (const key of Object.keys(after))
    if (!Object.hasOwn(out, key) && key !== "sourceUrl" && key !== "commit")
      setOwn(out, key, after[key]);
  return out as unknown as LockEntry;
}

/**
 * What `skills` leaves out when it copies a skill into place (its installer's exclusions): a
 * `metadata.json` file anywhere, and `.git`, `__pycache__` and `__pypackages__` folders. Its lock
 * hash is taken over the source, so an install it made lacks these files yet matches the hash of a
 * source that has them; the local-modification check compares without them (see `hashSkillFolder`).
 */
export const COPY_EXCLUDED = {
  files: new Set(["metadata.json"]),
  folders: new Set([".git", "__pycache__", "__pypackages__"]),
};

/** Folders no hash ever enters (as `skills` computes `computedHash`). */
const HASH_EXCLUDED_FOLDERS = new Set([".git", "node_modules"]);

async function collect(
  dir: string,
  base: string,
  out: { rel: string; file: string }[],
  copied: boolean,
) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (HASH_EXCLUDED_FOLDERS.has(entry.name)) continue;
      if (copied && COPY_EXCLUDED.folders.has(entry.name)) continue;
      await collect(file, base, out, copied);
    } else if (entry.isFile() && !(copied && COPY_EXCLUDED.files.has(entry.name)))
      out.push({ rel: path.relative(base, file).split(path.sep).join("/"), file });
  }
}

/**
 * The fixed collation of hashed paths: `skills` sorts with `localeCompare`, whose order follows the
 * machine's locale (da_DK puts `aa` after `z`). An explicit `en-US` collator is the order `skills`
 * has under en_US and C.UTF-8 (both resolve to ICU's root collation), whatever the locale here.
 */
const PATH_ORDER = new Intl.Collator("en-US");

/**
 * Orders two relative paths for the folder hash: ICU's `en-US` collation (as `skills` under en_US or
 * C.UTF-8), then code units for the rare different paths it calls equal (Unicode normalisation
 * variants, ignorable characters), so the order is total and never depends on listing order.
 */
export function compareHashPaths(a: string, b: string): number {
  return PATH_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Options of `hashSkillFolder`. */
export interface HashOptions {
  /**
   * Leave out what `skills` does not copy (`COPY_EXCLUDED`): the hash of a folder as `skills`
   * would install it. For comparing installed copies, never for a lock entry's `computedHash`.
   */
  asCopied?: boolean;
}

/**
 * The folder hash of the lockfile: SHA-256 over each regular file's relative path and bytes, files
 * ordered by `compareHashPaths`, `.git` and `node_modules` left out (the same computation as the
 * `skills` CLI under en_US or C.UTF-8, so hashes agree between tools).
 */
export async function hashSkillFolder(dir: string, options: HashOptions = {}): Promise<string> {
  const files: { rel: string; file: string }[] = [];
  await collect(dir, dir, files, options.asCopied === true);
  files.sort((a, b) => compareHashPaths(a.rel, b.rel));
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 16);
  for (const { rel, file } of files) {
    hash.update(rel);
    // Streamed, and only a regular file: one swapped for a FIFO or a link since the listing is
    // refused (SkillFileError) instead of blocking the hash.
    const { handle } = await openRegularFile(file, { noFollow: true });
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  }
  return hash.digest("hex");
}
