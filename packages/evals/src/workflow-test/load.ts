// Finds and checks a skill's workflow tests (`<skill>/tests/*.json`) and the recordings they name.
import { readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { readSkillFile, SkillFileError } from "@skillflow/skills";
import {
  parseLocatedJson,
  schemaProblems,
  type LocatedJson,
  type WorkflowTestDiagnostic,
  type WorkflowTestDiagnosticCode,
} from "./diagnostics.js";
import { RECORDING_FORMAT, RecordingSchema, type Recording } from "./recording.js";
import { TESTS_FOLDER, WorkflowTestSchema, type WorkflowTestFile } from "./schema.js";

/** One test file that passed its checks, with the recording it names (read and checked). */
export interface LoadedWorkflowTest {
  /** The file name without `.json`: what `--test` selects. */
  name: string;
  file: string;
  test: WorkflowTestFile;
  recording?: Recording;
  recordingFile?: string;
}

/** The tests of a skill that are usable, and every problem of the others. */
export interface LoadedWorkflowTests {
  /** The tests folder (it may not exist). */
  folder: string;
  tests: LoadedWorkflowTest[];
  diagnostics: WorkflowTestDiagnostic[];
}

type Problem = (
  code: WorkflowTestDiagnosticCode,
  message: string,
  where?: { line: number; column: number; path: string },
) => WorkflowTestDiagnostic;

const problemIn =
  (file: string): Problem =>
  (code, message, where = { line: 1, column: 1, path: "" }) => ({
    code,
    severity: "error",
    message,
    file,
    ...where,
  });

/** The deepest nesting of arrays and objects a test or recording may have (far beyond real ones). */
const MAX_TEST_DEPTH = 100;

/** True when `value` nests deeper than `limit`, measured without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/** The largest test or recording file read (a regular file only: never a FIFO or /dev/zero). */
const MAX_TEST_FILE_BYTES = 32 * 1024 * 1024;

async function readJson(
  file: string,
): Promise<{ json: LocatedJson } | { problem: WorkflowTestDiagnostic }> {
  const problem = problemIn(file);
  let text: string;
  try {
    text = await readSkillFile(file, {
      maxBytes: MAX_TEST_FILE_BYTES,
      hint: "a test or recording this large is not one",
    });
  } catch (error) {
    const missing = error instanceof SkillFileError && error.code === "NOT_FOUND";
    const code = missing ? "MISSING_FILE" : "UNREADABLE";
    return { problem: problem(code, `cannot read the file: ${(error as Error).message}`) };
  }
  const json = parseLocatedJson(text);
  if ("error" in json)
    return {
      problem: problem("INVALID_SYNTAX", `not JSON: ${json.error}`, {
        line: json.line,
        column: json.column,
        path: "",
      }),
    };
  if (nestedDeeperThan(json.value, MAX_TEST_DEPTH))
    return {
      problem: problem(
        "INVALID_SYNTAX",
        `arrays and objects nest more than ${MAX_TEST_DEPTH} levels deep: no real test or recording does; flatten it`,
      ),
    };
  return { json };
}

/** The test files of `skillDir`, sorted by name; none when the folder does not exist. */
async function testFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(".json") && !e.name.startsWith("."))
      .map((e) => path.join(folder, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** Whether `real` lies strictly inside the folder `root` (both real paths). */
function isInside(root: string, real: string): boolean {
  const inside = path.relative(root, real);
  return inside !== "" && !inside.startsWith("..") && !path.isAbsolute(inside);
}

function isRecording(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    (value as { format?: unknown }).format === RECORDING_FORMAT
  );
}

/**
 * Reads, checks and returns the tests of the skill in `skillDir` (only `only` when given): each
 * file against `WorkflowTestSchema`, each `recording` inside the skill folder and against
 * `RecordingSchema`. Collects every problem, located; a test with a problem is not returned.
 */
export async function loadWorkflowTests(
  skillDir: string,
  options: { only?: readonly string[] } = {},
): Promise<LoadedWorkflowTests> {
  const folder = path.join(skillDir, TESTS_FOLDER);
  const root = await realpath(skillDir).catch(() => path.resolve(skillDir));
  const out: LoadedWorkflowTests = { folder, tests: [], diagnostics: [] };
  const realFolder = await realpath(folder).catch(() => undefined);
  if (realFolder !== undefined && !isInside(root, realFolder)) {
    out.diagnostics.push(
      problemIn(folder)(
        "PATH_OUTSIDE_SKILL",
        `${TESTS_FOLDER}/ leads outside the skill folder ${root}, to ${realFolder} (a symbolic link): no test there is read; make ${TESTS_FOLDER}/ a folder of the skill`,
      ),
    );
    return out;
  }
  let files = await testFiles(folder);
  if (options.only !== undefined)
    files = files.filter((f) => options.only!.includes(path.basename(f, ".json")));
  for (const file of files) {
    const loaded = await loadOne(file, root);
    if ("diagnostics" in loaded) out.diagnostics.push(...loaded.diagnostics);
    else out.tests.push(loaded);
  }
  return out;
}

async function loadOne(
  file: string,
  root: string,
): Promise<LoadedWorkflowTest | { diagnostics: WorkflowTestDiagnostic[] }> {
  const read = await readJson(file);
  if ("problem" in read) return { diagnostics: [read.problem] };
  const problem = problemIn(file);
  if (isRecording(read.json.value))
    return {
      diagnostics: [
        problem(
          "INVALID_FIELD",
          `this is a recording (skillflow run --record), not a test: move it to ${TESTS_FOLDER}/recordings/ and ` +
            `name it in a test's "recording" field, or create the test with skillflow test <skill> --init <name> --from-record <file>`,
        ),
      ],
    };
  const parsed = WorkflowTestSchema.safeParse(read.json.value);
  if (!parsed.success) return { diagnostics: schemaProblems(parsed.error, read.json, file) };
  const test: LoadedWorkflowTest = { name: path.basename(file, ".json"), file, test: parsed.data };
  if (parsed.data.recording === undefined) return test;
  const where = { ...read.json.place(["recording"]), path: "recording" };
  const target = path.resolve(path.dirname(file), parsed.data.recording);
  const real = await realpath(target).catch(() => undefined);
  if (real === undefined)
    return {
      diagnostics: [
        problem(
          "MISSING_FILE",
          `no file ${target}: record one with skillflow run <skill> --record ${target}`,
          where,
        ),
      ],
    };
  if (!isInside(root, real))
    return {
      diagnostics: [
        problem(
          "PATH_OUTSIDE_SKILL",
          `the recording ${parsed.data.recording} is outside the skill folder ${root}: copy it into ${TESTS_FOLDER}/recordings/`,
          where,
        ),
      ],
    };
  const recording = await readRecording(real);
  if ("diagnostics" in recording) return recording;
  return { ...test, recording: recording.recording, recordingFile: real };
}

/** Reads and checks a recording file (`skillflow run --record`). */
export async function readRecording(
  file: string,
): Promise<{ recording: Recording } | { diagnostics: WorkflowTestDiagnostic[] }> {
  const read = await readJson(file);
  if ("problem" in read) return { diagnostics: [read.problem] };
  const parsed = RecordingSchema.safeParse(read.json.value);
  if (parsed.success) return { recording: parsed.data };
  return {
    diagnostics: schemaProblems(parsed.error, read.json, file).map((d) => ({
      ...d,
      code: "INVALID_RECORDING" as const,
      message: `${d.message} (not a recording of skillflow run --record, version 1)`,
    })),
  };
}
