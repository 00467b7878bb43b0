// Walks one source folder for skills (through category folders), bounded, reusing the index.
import { readdirSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import type { SkillDiagnostic } from "../document/diagnostics.js";
import { parseSkill, type SkillValidationLevel } from "../document/parse.js";
import { SkillFileError, readSkillFileSync } from "../read-file.js";
import type { IndexData, IndexedFolder, IndexedSkill } from "./_index.js";

/** Folders never entered. */
const SKIPPED = new Set([".git", ".hg", ".svn", "node_modules"]);

/** Bounds of a scan. */
export interface ScanLimits {
  /** Category folders below the root, default 6. */
  maxDepth: number;
  /** Folders visited in this source, default 50,000. */
  maxFolders: number;
}

/** A SKILL.md found, with what the index knows about it. */
export interface ScannedSkill {
  dir: string;
  file: string;
  indexed: IndexedSkill;
}

/** Skills of one source, and why the scan stopped early, if it did. */
export interface ScanResult {
  skills: ScannedSkill[];
  stoppedEarly?: string;
  /** Files read and parsed (the rest came from the index). */
  parsed: number;
  /** Something differs from the index read before (a listing or a file was read again). */
  changed: boolean;
  /** Files of the source that could not be used (an unreadable `.gitignore`). */
  warnings: SkillDiagnostic[];
}

interface Walk {
  root: string;
  /** The index read before the scan. */
  index: IndexData;
  /** The index being built: only what this scan saw, so deleted paths drop out. */
  next: IndexData;
  limits: ScanLimits;
  ignore: Ignore | undefined;
  level: SkillValidationLevel;
  /** An index file is kept: stat files to compare them with it. */
  indexing: boolean;
  folders: number;
  /** The folder bound was hit: nothing more is visited. */
  full: boolean;
  result: ScanResult;
}

function mtimeOf(file: string): { mtimeMs: number; size: number } | undefined {
  try {
    const s = statSync(file, { throwIfNoEntry: false });
    return s && { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined;
  }
}

/** Folders, and symlinks to folders (skills are often linked in from elsewhere). */
function isFolder(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path.join(dir, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

/** The folder's listing from the index while its mtime is unchanged, else from disk. */
function listing(dir: string, walk: Walk): IndexedFolder | undefined {
  const stat = mtimeOf(dir);
  if (stat === undefined) return undefined;
  const cached = walk.index.folders[dir];
  if (cached && cached.mtimeMs === stat.mtimeMs) {
    walk.next.folders[dir] = cached;
    return cached;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const fresh: IndexedFolder = {
    mtimeMs: stat.mtimeMs,
    // Anything named SKILL.md but a folder: reading it says what is wrong with it (a FIFO, a device).
    skill: entries.some((e) => e.name === "SKILL.md" && !e.isDirectory()),
    subdirs: entries
      .filter((e) => !SKIPPED.has(e.name) && isFolder(dir, e))
      .map((e) => e.name)
      .sort(),
  };
  walk.next.folders[dir] = fresh;
  walk.result.changed = true;
  return fresh;
}

/** A skill file that cannot be read safely, as the error diagnostic that skips it. */
function unreadable(error: SkillFileError): SkillDiagnostic {
  return {
    code: "UNREADABLE",
    severity: "error",
    message: error.message,
    file: error.file,
    line: 1,
    column: 1,
  };
}

/** Reads and parses one SKILL.md; undefined when it has gone. */
function load(
  dir: string,
  file: string,
  stat: { mtimeMs: number; size: number },
  level: SkillValidationLevel,
): IndexedSkill | undefined {
  let text: string;
  try {
    text = readSkillFileSync(file);
  } catch (error) {
    if (!(error instanceof SkillFileError) || error.code === "NOT_FOUND") return undefined;
    // Not a regular file (a FIFO, a device), or too large: the skill is skipped, and says why.
    return { ...stat, frontmatter: undefined, runnable: false, diagnostics: [unreadable(error)] };
  }
  const parsed = parseSkill(text, { file, folderName: path.basename(dir), level });
  return {
    ...stat,
    frontmatter: parsed.frontmatter,
    runnable: parsed.runnable,
    diagnostics: parsed.diagnostics,
  };
}

/** Loads `dir/SKILL.md` from the index or from disk; false when there is no such file. */
function readSkill(dir: string, file: string, walk: Walk): boolean {
  // Without an index there is nothing to compare a stat with: read straight away.
  const stat = walk.indexing ? mtimeOf(file) : { mtimeMs: 0, size: 0 };
  if (stat === undefined) return false;
  let indexed = walk.index.skills[file];
  if (!indexed || indexed.mtimeMs !== stat.mtimeMs || indexed.size !== stat.size) {
    indexed = load(dir, file, stat, walk.level);
    if (indexed === undefined) return false;
    walk.result.parsed++;
    walk.result.changed = true;
  }
  walk.next.skills[file] = indexed;
  walk.result.skills.push({ dir, file, indexed });
  return true;
}

function visit(dir: string, depth: number, walk: Walk): void {
  if (walk.full) return;
  if (++walk.folders > walk.limits.maxFolders) {
    walk.full = true;
    walk.result.stoppedEarly = `stopped after ${walk.limits.maxFolders} folders (maxFolders)`;
    return;
  }
  // A known skill folder needs one stat (of its SKILL.md), not a listing: an edit in place changes
  // the file's mtime, and a removed SKILL.md sends the folder back to a full listing. The index
  // keeps listings of category folders only, which keeps it small.
  // Plain concatenation: `dir` is already normalised, and path.join shows up at 10,000 skills.
  const file = `${dir}${path.sep}SKILL.md`;
  if (walk.index.skills[file] !== undefined && readSkill(dir, file, walk)) return;
  const folder = listing(dir, walk);
  if (folder === undefined) return;
  // A skill folder is a leaf: its sub-folders are the skill's own resources.
  if (folder.skill) {
    delete walk.next.folders[dir];
    readSkill(dir, file, walk);
    return;
  }
  if (depth >= walk.limits.maxDepth) {
    if (folder.subdirs.length > 0)
      walk.result.stoppedEarly ??= `did not look below depth ${walk.limits.maxDepth} (maxDepth), e.g. in ${dir}`;
    return;
  }
  for (const name of folder.subdirs) {
    const child = `${dir}${path.sep}${name}`;
    if (walk.ignore) {
      const relative = path.relative(walk.root, child).split(path.sep).join("/");
      if (walk.ignore.ignores(`${relative}/`)) continue;
    }
    visit(child, depth + 1, walk);
  }
}

/** The most a `.gitignore` may hold. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** Ignore rules: the source's `.gitignore` (re-read every scan: it is one small file) and `extra`. */
function ignoreRules(
  root: string,
  extra: readonly string[],
  warnings: SkillDiagnostic[],
): Ignore | undefined {
  const file = path.join(root, ".gitignore");
  let gitignore = "";
  try {
    gitignore = readSkillFileSync(file, { maxBytes: MAX_GITIGNORE_BYTES, hint: "shorten it" });
  } catch (error) {
    // No .gitignore is the usual case; one that cannot be read safely is named, then left out.
    if (error instanceof SkillFileError && error.code !== "NOT_FOUND")
      warnings.push({ ...unreadable(error), severity: "warning" });
  }
  if (gitignore === "" && extra.length === 0) return undefined;
  return ignore()
    .add(gitignore)
    .add([...extra]);
}

/** Finds the skills under `root`, parsing only the SKILL.md files the index does not know as they are. */
export function scanSource(
  root: string,
  index: { previous: IndexData; next: IndexData },
  options: {
    limits: ScanLimits;
    ignore: readonly string[];
    level: SkillValidationLevel;
    indexing: boolean;
  },
): ScanResult {
  root = path.resolve(root);
  const warnings: SkillDiagnostic[] = [];
  const walk: Walk = {
    root,
    index: index.previous,
    next: index.next,
    limits: options.limits,
    ignore: ignoreRules(root, options.ignore, warnings),
    level: options.level,
    indexing: options.indexing,
    folders: 0,
    full: false,
    result: { skills: [], parsed: 0, changed: false, warnings },
  };
  visit(root, 0, walk);
  return walk.result;
}
