// Saved evaluation reports: their id, their stored shape (outputs capped, secrets out) and the atomic write.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { redactDeep } from "@skillflow/workflow";
import { writeJsonAtomically } from "../_write-json.js";
import type { EvalReport, TrialRecord } from "./evaluate.js";

/** The version of the stored report's shape; a reader refuses a newer one. */
export const EVAL_REPORT_SCHEMA_VERSION = 1;

/** The characters of a trial's output (and of an error) kept in a stored report, at most. */
export const MAX_STORED_OUTPUT_CHARS = 20_000;

/**
 * A report id: `<UTC yyyymmddThhmmssZ>-<skill, lower-case kebab>-<6 random [a-z0-9]>`. Strict, so an id
 * is always a plain file name (no `/`, `\`, `.`, or `..`).
 */
export const EVAL_REPORT_ID = /^\d{8}T\d{6}Z-[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{6}$/;

/** The longest id (the skill part is cut to fit). */
const MAX_ID_LENGTH = 100;

/** A trial as stored: its output (and error) capped, with the original length when cut. */
export interface StoredTrialRecord extends TrialRecord {
  /** Present when the output was cut to `MAX_STORED_OUTPUT_CHARS`: the output's full length. */
  outputTruncated?: { chars: number };
}

/**
 * A report as `skillflow eval` saves it in `<evals dir>/reports/<id>.json` (and prints it with
 * `--format json`): the report, its id, the schema version and the skill's path.
 */
export interface StoredEvalReport extends Omit<EvalReport, "trials"> {
  schemaVersion: typeof EVAL_REPORT_SCHEMA_VERSION;
  /** Absent only in a report printed with `--no-save`. */
  id?: string;
  /** When the evaluation ended and the report was made (ISO 8601, UTC). */
  createdAt: string;
  /** The skill's folder relative to where `eval` ran (`/`-separated); absolute when on another drive. */
  skillPath: string;
  trials: StoredTrialRecord[];
}

/** Whether `id` is a well-formed report id (and so a safe file name). */
export function isEvalReportId(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && EVAL_REPORT_ID.test(id);
}

/** A skill name as an id part: lower-case letters, digits and single dashes ("skill" when none). */
function idPart(skill: string): string {
  const part = skill
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ID_LENGTH - 30)
    .replace(/-+$/, "");
  return part === "" ? "skill" : part;
}

/** Six random characters of [a-z0-9]. */
function randomPart(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A new report id for `skill` at `now` (a test passes `random`). */
export function newEvalReportId(
  skill: string,
  options: { now?: Date; random?: () => string } = {},
): string {
  const stamp = (options.now ?? new Date())
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/[-:]/g, "");
  return `${stamp}-${idPart(skill)}-${(options.random ?? randomPart)()}`;
}

/** `text` cut to `max` characters without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function capped(trial: TrialRecord): StoredTrialRecord {
  const stored: StoredTrialRecord = { ...trial };
  if (trial.output.length > MAX_STORED_OUTPUT_CHARS) {
    stored.output = cut(trial.output, MAX_STORED_OUTPUT_CHARS);
    stored.outputTruncated = { chars: trial.output.length };
  }
  if (trial.error !== undefined && trial.error.length > MAX_STORED_OUTPUT_CHARS)
    stored.error = `${cut(trial.error, MAX_STORED_OUTPUT_CHARS)}… (cut)`;
  return stored;
}

/**
 * The report as stored: `id` (when given), the schema version, `createdAt`, the skill's path, and
 * every output capped at `MAX_STORED_OUTPUT_CHARS` (marked `outputTruncated`). `secrets` are
 * replaced once more (the report of `evaluateSkill` holds none already).
 */
export function storedEvalReport(
  report: EvalReport,
  options: { id?: string; skillPath: string; createdAt?: Date; secrets?: readonly string[] },
): StoredEvalReport {
  // Redacted before outputs are cut, so a cut never leaves half a secret behind.
  const clean = redactDeep(report, [...(options.secrets ?? [])]);
  return {
    schemaVersion: EVAL_REPORT_SCHEMA_VERSION,
    ...(options.id !== undefined ? { id: options.id } : {}),
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    skillPath: options.skillPath,
    ...clean,
    trials: clean.trials.map(capped),
  };
}

/** The file of report `id` in the evals folder `dir`. */
export const evalReportFile = (dir: string, id: string) => path.join(dir, "reports", `${id}.json`);

/**
 * Writes `report` (which must carry a valid `id`) to `<dir>/reports/<id>.json` through a temporary
 * file and a rename: a reader never sees half a report, and a failed write leaves no file behind.
 * Returns the file. File system errors are thrown as they come (the caller names the fix).
 */
export async function saveEvalReport(dir: string, report: StoredEvalReport): Promise<string> {
  if (report.id === undefined || !isEvalReportId(report.id))
    throw new TypeError(`not a report id: ${String(report.id)}`);
  const file = evalReportFile(dir, report.id);
  await mkdir(path.dirname(file), { recursive: true });
  await writeJsonAtomically(file, report);
  return file;
}
