// The on-disk metadata index: folder listings and parsed frontmatter, reused while files are unchanged.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readSkillFileSync } from "../read-file.js";
import type { SkillDiagnostic } from "../document/diagnostics.js";
import type { SkillFrontmatter } from "../document/fields.js";

/** What is kept of a parsed SKILL.md (no body: bodies are read on activation). */
export interface IndexedSkill {
  mtimeMs: number;
  size: number;
  frontmatter: SkillFrontmatter | undefined;
  runnable: boolean;
  diagnostics: SkillDiagnostic[];
}

/** A folder's listing: its sub-folders, and whether it holds a SKILL.md. */
export interface IndexedFolder {
  mtimeMs: number;
  subdirs: string[];
  skill: boolean;
}

/** The whole index; `key` ties it to the options that shaped it. */
export interface IndexData {
  version: 1;
  key: string;
  folders: Record<string, IndexedFolder>;
  skills: Record<string, IndexedSkill>;
}

/** An empty index for `key`. */
export function emptyIndex(key: string): IndexData {
  return { version: 1, key, folders: {}, skills: {} };
}

/** The largest index read (about 50,000 folders' worth); a larger file is a foreign one. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/**
 * Reads the index at `file`; a missing, unreadable or foreign one is replaced by an empty one (so is
 * anything but a regular file, or one over MAX_INDEX_BYTES).
 */
export function loadIndex(file: string | undefined, key: string): IndexData {
  if (file === undefined) return emptyIndex(key);
  try {
    const data = JSON.parse(readSkillFileSync(file, { maxBytes: MAX_INDEX_BYTES })) as IndexData;
    if (data.version === 1 && data.key === key && data.folders && data.skills) return data;
  } catch {
    // A corrupt or missing cache only costs a full scan.
  }
  return emptyIndex(key);
}

/** Writes the index atomically (temp file, then rename); failures are ignored: it is a cache. */
export function saveIndex(file: string | undefined, data: IndexData): void {
  if (file === undefined) return;
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}
