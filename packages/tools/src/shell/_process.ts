// Runs one process in argv form with capped output; exit, timeout and cancellation end its whole tree.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable } from "node:stream";
import { ToolError } from "../tool.js";
import { TREE_VARIABLE, killTree, newTreeMarker, type ProcessTree } from "./_tree.js";

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

function timeoutError(spec: ProcessSpec): ToolError {
  const message = `Command "${spec.command}" timed out after ${spec.timeoutMs}ms`;
  return new ToolError("TIMEOUT", message, { retryable: true });
}

// After the command exits and its tree is killed, the pipes close at once unless a process out of
// reach still holds them; this bounds the wait for that.
const CLOSE_GRACE_MS = 250;

/**
 * Spawns `spec.command` with `shell: false` in its own process group, marked so that descendants
 * that leave the group are found too (see `killTree`). When the command exits, whatever it left
 * running is killed, and the call resolves with its exit code and output once the pipes close (at
 * most `CLOSE_GRACE_MS` later). On timeout (TIMEOUT) or abort (ABORTED) the tree is killed and the
 * promise rejects at once.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    spec.signal.throwIfAborted();
    const marker = newTreeMarker();
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: { ...spec.env, [TREE_VARIABLE]: marker },
      shell: false,
      detached: true,
      windowsHide: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const tree: ProcessTree = { pid: child.pid, marker };
    const stdout = new CappedBuffer(child.stdout, spec.maxOutputBytes);
    const stderr = new CappedBuffer(child.stderr, spec.maxOutputBytes);
    let exitCode: number | undefined;
    let grace: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(grace);
      spec.signal.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      settle();
    };
    const stop = (error: ToolError): void =>
      finish(() => {
        killTree(tree, exitCode === undefined);
        reject(error);
      });
    const onAbort = (): void =>
      stop(new ToolError("ABORTED", `Command "${spec.command}" was cancelled`));
    const timer = setTimeout(() => stop(timeoutError(spec)), spec.timeoutMs);
    const exited = (): void =>
      finish(() =>
        resolve({
          exitCode: exitCode ?? 0,
          stdout: stdout.text(),
          stderr: stderr.text(),
          truncated: stdout.truncated || stderr.truncated,
        }),
      );
    spec.signal.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error) => finish(() => reject(spawnError(spec.command, error))));
    child.on("exit", (code, signal) => {
      if (done) return;
      exitCode = exitCodeOf(code, signal);
      clearTimeout(timer); // it exited: a child still holding the pipes does not make it time out
      // Background children would keep the pipes (and the machine) busy: the command is over.
      killTree(tree, false);
      grace = setTimeout(exited, CLOSE_GRACE_MS);
    });
    child.on("close", () => {
      if (exitCode !== undefined) exited();
    });
    // A process that exits without reading stdin makes the write fail with EPIPE; that is not an error.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(spec.stdin ?? "");
  });
}
