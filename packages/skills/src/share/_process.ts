// Running git and npm for sources: output captured, prompts off, failures as SourceErrors.
import { spawn } from "node:child_process";
import { SourceError } from "./_source-error.js";

/** Characters of a command's output kept (npm pack --json prints a few kilobytes). */
const MAX_OUTPUT = 4 * 1024 * 1024;

/** Runs `command` with `args` (never through a shell); resolves with its stdout. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; signal?: AbortSignal },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let out = "";
    let err = "";
    // Bounded: what a command prints is kept up to a cap, never without end.
    const keep = (kept: string, d: Buffer) =>
      kept.length < MAX_OUTPUT ? kept + d.toString("utf8") : kept;
    child.stdout.on("data", (d: Buffer) => (out = keep(out, d)));
    child.stderr.on("data", (d: Buffer) => (err = keep(err, d)));
    child.on("error", (error) =>
      reject(
        new SourceError("FETCH_FAILED", `${command} could not start: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(
            new SourceError(
              "FETCH_FAILED",
              `${command} ${args[0] ?? ""} failed (exit ${code}): ${err.trim().slice(0, 2000)}`,
            ),
          ),
    );
  });
}
