// What `skillflow eval` keeps of a run: the full JSON report in <evals dir>/reports/ and the history lines.
import path from "node:path";
import {
  agentSecrets,
  appendHistory,
  newEvalReportId,
  saveEvalReport,
  storedEvalReport,
  type EvalReport,
  type StoredEvalReport,
} from "@skillflow/evals";
import type { Io } from "../io.js";

/** What the file system's refusals to write a report mean, in words. */
const REFUSALS: Readonly<Record<string, string>> = {
  EISDIR: "a folder is in the way",
  ENOTDIR: "a part of its path is a file, not a folder",
  EEXIST: "a part of its path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
};

/** `file` as the user knows it: relative to the working folder when inside it. */
function shown(io: Io, file: string): string {
  const rel = path.relative(io.cwd, file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** The skill's folder relative to the working folder, `/`-separated (absolute on another drive). */
const skillPathOf = (io: Io, dir: string) =>
  path.isAbsolute(path.relative(io.cwd, dir))
    ? dir
    : path.relative(io.cwd, dir).split(path.sep).join("/") || ".";

/**
 * Saves the report as `<dir>/reports/<id>.json` (unless `save` is false), then appends its history
 * lines (naming the saved report). A file system refusal to save is a warning, not a lost
 * evaluation: the report is still printed and the history kept. Returns the stored report.
 */
export async function keepReport(
  io: Io,
  report: EvalReport,
  options: {
    dir: string;
    skillDir: string;
    env: Record<string, string | undefined>;
    save: boolean;
  },
): Promise<StoredEvalReport> {
  const id = options.save ? newEvalReportId(report.skill) : undefined;
  const stored = storedEvalReport(report, {
    ...(id !== undefined ? { id } : {}),
    skillPath: skillPathOf(io, options.skillDir),
    secrets: agentSecrets({ env: options.env }),
  });
  let saved = false;
  if (id !== undefined)
    try {
      const file = await saveEvalReport(options.dir, stored);
      io.stderr.write(`report saved to ${shown(io, file)}\n`);
      saved = true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) throw error;
      const folder = shown(io, path.join(options.dir, "reports"));
      io.stderr.write(
        `warning: the report was not saved in ${folder} (${REFUSALS[code] ?? code}): make it a folder you can write, or pass --no-save; the history is kept\n`,
      );
    }
  await appendHistory(path.join(options.dir, "history.jsonl"), report, {
    ...(saved && id !== undefined ? { reportId: id } : {}),
  });
  return saved ? stored : storedWithoutId(stored);
}

/** A report that was not saved has no id to refer to. */
function storedWithoutId(stored: StoredEvalReport): StoredEvalReport {
  const { id: _id, ...rest } = stored;
  return rest;
}
