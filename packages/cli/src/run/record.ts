// `skillflow run --record <file>`: every tool call of the run, written to a recording file at the end.
import path from "node:path";
import { CallRecorder } from "@skillflow/evals";
import type { RunLog } from "@skillflow/workflow";
import { writeAtomically } from "../files.js";
import type { Io } from "../io.js";
import { printable } from "../terminal-text.js";

/** A recording asked for with --record: the recorder and the file it is written to. */
export interface RecordRequest {
  recorder: CallRecorder;
  /** Absolute path of the file. */
  file: string;
}

/** The --record request for `file` (relative to the working folder), secrets redacted. */
export function recordRequest(io: Io, file: string, secrets: readonly string[]): RecordRequest {
  return { recorder: new CallRecorder(secrets), file: path.resolve(io.cwd, file) };
}

/**
 * Writes the recording of the run that ended with `log` (temporary file and rename); tells on
 * stderr where it went and how to make a test of it. A run that never started writes nothing.
 */
export async function writeRecording(io: Io, request: RecordRequest, log: RunLog): Promise<void> {
  if (log.error !== undefined && log.error.phase !== "execute") {
    io.stderr.write(
      `nothing recorded: the run did not start (its document or inputs are invalid)\n`,
    );
    return;
  }
  const recording = request.recorder.recording(log, new Date());
  await writeAtomically(request.file, `${JSON.stringify(recording, null, 2)}\n`);
  const relative = path.relative(io.cwd, request.file);
  const shown = printable(relative.startsWith("..") || relative === "" ? request.file : relative);
  io.stderr.write(
    `recorded ${recording.calls.length} tool call(s) to ${shown}; make it a test with ` +
      `skillflow test <skill> --init <name> --from-record ${shown}\n`,
  );
}
