// `skillflow test --init`: a new test from a recording, its expectations the recorded outputs.
import { copyFile, mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { readRecording } from "./load.js";
import { formatWorkflowTestDiagnostic } from "./diagnostics.js";
import { TESTS_FOLDER, type WorkflowTestFile } from "./schema.js";
import { writeJsonAtomically } from "../_write-json.js";

/** A coded refusal of `createWorkflowTest`. */
export class WorkflowTestInitError extends Error {
  readonly code: "TEST_EXISTS" | "INVALID_RECORDING" | "INVALID_NAME" | "PATH_OUTSIDE_SKILL";
  constructor(code: WorkflowTestInitError["code"], message: string) {
    super(message);
    this.name = "WorkflowTestInitError";
    this.code = code;
  }
}

/** What `createWorkflowTest` wrote. */
export interface CreatedWorkflowTest {
  file: string;
  recordingFile: string;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Writes `<skill>/tests/<name>.json` naming the recording (copied to `tests/recordings/<name>.json`
 * when it lies outside the skill folder), expecting the recorded status and outputs. Never
 * overwrites a test.
 */
export async function createWorkflowTest(
  skillDir: string,
  name: string,
  recordingFile: string,
): Promise<CreatedWorkflowTest> {
  if (!/^[\w][\w.-]*$/.test(name) || name.endsWith(".json"))
    throw new WorkflowTestInitError(
      "INVALID_NAME",
      `"${name}" is not a test name: use letters, digits, "-", "_" or "." (no ".json")`,
    );
  const file = path.join(skillDir, TESTS_FOLDER, `${name}.json`);
  if (await exists(file))
    throw new WorkflowTestInitError(
      "TEST_EXISTS",
      `${file} exists: pick another name, or delete it first`,
    );
  const read = await readRecording(recordingFile);
  if ("diagnostics" in read)
    throw new WorkflowTestInitError(
      "INVALID_RECORDING",
      read.diagnostics.map(formatWorkflowTestDiagnostic).join("\n"),
    );
  const root = await realpath(skillDir);
  // A tests/ or tests/recordings/ that a symbolic link leads elsewhere would take the new files there.
  for (const folder of [TESTS_FOLDER, path.join(TESTS_FOLDER, "recordings")]) {
    const real = await realpath(path.join(root, folder)).catch(() => undefined);
    const inside = real === undefined ? "x" : path.relative(root, real);
    if (inside === "" || inside.startsWith("..") || path.isAbsolute(inside))
      throw new WorkflowTestInitError(
        "PATH_OUTSIDE_SKILL",
        `${path.join(root, folder)} leads outside the skill folder, to ${real} (a symbolic link): make it a folder of the skill`,
      );
  }
  let target = await realpath(recordingFile);
  const inside = path.relative(root, target);
  if (inside.startsWith("..") || path.isAbsolute(inside)) {
    const copy = path.join(root, TESTS_FOLDER, "recordings", `${name}.json`);
    if (await exists(copy))
      throw new WorkflowTestInitError(
        "TEST_EXISTS",
        `${copy} exists: pick another name, or delete it first`,
      );
    await mkdir(path.dirname(copy), { recursive: true });
    await copyFile(recordingFile, copy);
    target = copy;
  }
  const recording = read.recording;
  const test: WorkflowTestFile = {
    description: `recorded from a run of ${recording.workflow} on ${recording.recorded_at}`,
    recording: path.relative(path.join(root, TESTS_FOLDER), target).split(path.sep).join("/"),
    expect: {
      ...(recording.status !== "success" ? { status: recording.status } : {}),
      outputs: recording.outputs,
    },
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeJsonAtomically(file, test);
  return { file, recordingFile: target };
}
