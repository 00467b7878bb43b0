// What `skillflow author` reads besides the request: fixtures, a transcript, a run from the history.
import path from "node:path";
import {
  AuthorSourceError,
  firstIssueField,
  FixturesSchema,
  runSource,
  transcriptSource,
  type AuthorSource,
  type Fixtures,
} from "@skillflow/evals";
import { readSkillFile, SkillFileError } from "@skillflow/skills";
import type { CliConfig } from "../config.js";
import { CliError } from "../errors.js";
import { openHistory, type OpenStore } from "../history.js";
import type { Io } from "../io.js";
import { resolveIds } from "../runs/ids.js";
import { historyProblem } from "../runs/problems.js";

/** The largest JSON file read (a transcript, fixtures): far beyond a real one. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;

/** A JSON file named by `flag`: a missing file or bad JSON is a user error naming it. */
async function readJson(io: Io, file: string, flag: string): Promise<unknown> {
  const absolute = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = await readSkillFile(absolute, { maxBytes: MAX_JSON_BYTES, hint: "not a JSON file" });
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    const missing = error.code === "NOT_FOUND";
    throw new CliError(
      missing ? "FILE_NOT_FOUND" : "INVALID_INPUT",
      `${flag} ${file}: ${missing ? "no such file" : error.message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError("INVALID_INPUT", `${flag} ${file}: not JSON (${(error as Error).message})`);
  }
}

/** `--fixtures <file>`: answers by tool name, in the dry run's format; a wrong field is named. */
export async function readFixtures(io: Io, file: string): Promise<Fixtures> {
  const parsed = FixturesSchema.safeParse(await readJson(io, file, "--fixtures"));
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssueField(parsed.error, "(top level)");
  throw new CliError(
    "INVALID_INPUT",
    `--fixtures ${file}: ${field}: ${message} (the format: { "<tool>": { "output": <result> } }, see docs/authoring.md)`,
  );
}

/** `--from-transcript <file>`: a `skillflow agent --json` transcript. */
export async function readTranscript(io: Io, file: string): Promise<AuthorSource> {
  const value = await readJson(io, file, "--from-transcript");
  try {
    return transcriptSource(value);
  } catch (error) {
    if (error instanceof AuthorSourceError)
      throw new CliError("INVALID_INPUT", `--from-transcript ${file}: ${error.message}`);
    throw error;
  }
}

/** The largest workflow file of a run shown to the model (it sees the start of it only). */
const MAX_WORKFLOW_BYTES = 1024 * 1024;

/** The run's workflow file, when it is still there (shown to the model); else undefined. */
async function workflowText(source: string | undefined): Promise<string | undefined> {
  if (source === undefined || !path.isAbsolute(source)) return undefined;
  try {
    return await readSkillFile(source, { maxBytes: MAX_WORKFLOW_BYTES, hint: "too large to show" });
  } catch (error) {
    // Gone, unreadable or too large: the run's steps say what was done all the same.
    if (error instanceof SkillFileError) return undefined;
    throw error;
  }
}

/** `--from-run <id>`: a run of the history (an id or a unique prefix), as `runs show --json` has it. */
export async function readRun(
  io: Io,
  config: CliConfig,
  ref: string,
  open?: OpenStore,
): Promise<AuthorSource> {
  const { store, file } = openHistory(io, config, open);
  try {
    const [id] = resolveIds(store, [ref]);
    const run = store.get(id!);
    if (run === undefined)
      throw new CliError("UNKNOWN_RUN", `no run "${ref}" in the history (see skillflow runs list)`);
    return runSource(run, await workflowText(run.source));
  } catch (error) {
    if (error instanceof AuthorSourceError)
      throw new CliError("INVALID_INPUT", `--from-run ${ref}: ${error.message}`);
    throw historyProblem(error, file) ?? error;
  } finally {
    store.close();
  }
}
