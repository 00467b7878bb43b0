// Runs one process in argv form with capped output, a timeout and cancellation that kill its whole tree.
import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import type { Readable } from "node:stream";
import { ToolError } from "../tool.js";

/** What to run and under which limits. */
export interface ProcessSpec {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  stdin?: string | undefined;
  timeoutMs: number;
  maxOutputBytes: number;
  signal: AbortSignal;
}

/** The outcome of a process that exited on its own. */
export interface ProcessResult {
  /** The exit code; `128 + n` when signal `n` ended the process (shell convention). */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Whether stdout or stderr passed `maxOutputBytes` and was cut. */
  truncated: boolean;
}

/** Collects a stream up to `cap` bytes and keeps draining the rest, so the process never blocks. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(
    stream: Readable | null,
    private readonly cap: number,
  ) {
    stream?.on("data", (chunk: Buffer) => this.push(chunk));
  }

  private push(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** Kills the process group the child leads (it was spawned detached), falling back to the child. */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}

function spawnError(command: string, error: NodeJS.ErrnoException): ToolError {
  if (error.code === "ENOENT") {
    return new ToolError("NOT_FOUND", `Command "${command}" was not found`, { cause: error });
  }
  if (error.code === "EACCES") {
    return new ToolError("FORBIDDEN", `Command "${command}" is not executable`, { cause: error });
  }
  return new ToolError("EXECUTION", `Command "${command}" failed to start: ${error.message}`, {
    cause: error,
  });
}

/**
 * Spawns `spec.command` with `shell: false` in its own process group and resolves when it exits.
 * On timeout (TIMEOUT) or abort (ABORTED) the group is killed with SIGKILL and the promise rejects
 * at once, without waiting for descendants that might hold the pipes open.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    spec.signal.throwIfAborted();
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      shell: false,
      detached: true,
      windowsHide: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout = new CappedBuffer(child.stdout, spec.maxOutputBytes);
    const stderr = new CappedBuffer(child.stderr, spec.maxOutputBytes);
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      spec.signal.removeEventListener("abort", onAbort);
      settle();
    };
    const stop = (error: ToolError): void =>
      finish(() => {
        killTree(child);
        child.stdout?.destroy();
        child.stderr?.destroy();
        reject(error);
      });
    const onAbort = (): void =>
      stop(new ToolError("ABORTED", `Command "${spec.command}" was cancelled`));
    const timer = setTimeout(
      () =>
        stop(
          new ToolError(
            "TIMEOUT",
            `Command "${spec.command}" timed out after ${spec.timeoutMs}ms`,
            {
              retryable: true,
            },
          ),
        ),
      spec.timeoutMs,
    );
    spec.signal.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error) => finish(() => reject(spawnError(spec.command, error))));
    child.on("close", (code, signal) =>
      finish(() =>
        resolve({
          exitCode: exitCodeOf(code, signal),
          stdout: stdout.text(),
          stderr: stderr.text(),
          truncated: stdout.truncated || stderr.truncated,
        }),
      ),
    );
    // A process that exits without reading stdin makes the write fail with EPIPE; that is not an error.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(spec.stdin ?? "");
  });
}
