// Runs one skill command: /bin/sh -c in its own process group, output capped; exit, timeout and abort end its tree.
import { spawn } from "node:child_process";
import type { FoundCommand } from "./_find.js";
import { TREE_VARIABLE, killTree, newTreeMarker, type ProcessTree } from "./_tree.js";

/** How a command is run. */
export interface RunOptions {
  cwd: string;
  /** The child's environment; defaults to this process's environment. */
  env?: Record<string, string | undefined>;
  /** Per command; defaults to 120 000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Defaults to `/bin/sh`; it is run as `<shell> -c <command>`. */
  shell?: string;
}

/** Why a command failed the activation. */
export type InterpolationErrorCode =
  "COMMAND_FAILED" | "COMMAND_TIMEOUT" | "COMMAND_ABORTED" | "UNSAFE_ARGUMENT";

/** A command that exited non-zero, timed out, was aborted, could not start or was refused. */
export class InterpolationError extends Error {
  readonly code: InterpolationErrorCode;
  readonly command: string;
  readonly line: number;
  readonly column: number;
  /** The exit code, or undefined when a signal ended the command or it never started. */
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  /** Trimmed stderr, at most 2000 characters. */
  readonly stderr: string;

  constructor(
    code: InterpolationErrorCode,
    message: string,
    details: { found: FoundCommand; exitCode?: number; signal?: string; stderr?: string },
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "InterpolationError";
    this.code = code;
    this.command = details.found.command;
    this.line = details.found.line;
    this.column = details.found.column;
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.stderr = details.stderr ?? "";
  }
}

/** Decodes captured stdout, cutting at a character boundary and marking any truncation. */
export function decodeCapped(
  kept: Buffer,
  total: number,
  cap: number,
): { text: string; truncated: boolean } {
  if (total <= cap) return { text: stripNewline(kept.toString("utf8")), truncated: false };
  const whole = kept.subarray(0, characterBoundary(kept));
  const marker = `\n[output truncated: ${total} bytes, showing the first ${whole.length}]`;
  return { text: stripNewline(whole.toString("utf8")) + marker, truncated: true };
}

/** The largest length ≤ `bytes.length` that does not split a UTF-8 sequence. */
function characterBoundary(bytes: Buffer): number {
  for (let index = bytes.length - 1; index >= Math.max(0, bytes.length - 4); index--) {
    const byte = bytes[index]!;
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return index + size > bytes.length ? index : bytes.length;
  }
  return bytes.length;
}

function stripNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** Keeps the first `cap` bytes of a stream and counts the rest, so the child never blocks. */
class Capture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

interface RunResult {
  stdout: Buffer;
  stdoutBytes: number;
}

const STDERR_CAP = 16_384;
const STDERR_SHOWN = 2_000;
// After the shell exits, its whole tree is killed; this bounds the wait for pipes to close when a
// process out of reach (one that cleared its environment and left the session) still holds them.
const CLOSE_GRACE_MS = 500;

type Fail = ReturnType<typeof failure>;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs `found`, resolving with its captured output, rejecting with an InterpolationError. */
export function runCommand(found: FoundCommand, options: RunOptions, cap: number) {
  return new Promise<RunResult>((resolve, reject) => {
    const fail = failure(found);
    if (options.signal?.aborted === true) return reject(fail("COMMAND_ABORTED", "was aborted"));
    const marker = newTreeMarker();
    const child = spawnShell(found.command, { ...options, marker }, fail);
    if (child instanceof InterpolationError) return reject(child);
    const tree: ProcessTree = { pid: child.pid, marker };
    let exited = false;
    const stdout = new Capture(cap);
    const stderr = new Capture(STDERR_CAP);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let exit: Exit = { code: null, signal: null };
    let graceTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (error?: InterpolationError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (!exited) killTree(tree, true); // on exit it was killed already
      child.stdout.destroy();
      child.stderr.destroy();
      const failed = error ?? exitError(exit, stderr, fail);
      if (failed !== undefined) return reject(failed);
      resolve({ stdout: stdout.bytes(), stdoutBytes: stdout.total });
    };
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(
      () => settle(fail("COMMAND_TIMEOUT", `timed out after ${timeoutMs}ms`)),
      timeoutMs,
    );
    const onAbort = (): void => settle(fail("COMMAND_ABORTED", "was aborted"));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error) =>
      settle(fail("COMMAND_FAILED", `could not start: ${error.message}`, {}, error)),
    );
    child.on("exit", (code, signal) => {
      if (settled) return;
      exit = { code, signal };
      exited = true;
      clearTimeout(timer); // it exited: a child still holding the pipes does not make it time out
      // Background children would hold the pipes open, so `close` would wait for them.
      killTree(tree, false);
      graceTimer = setTimeout(() => settle(), CLOSE_GRACE_MS);
    });
    child.on("close", () => settle());
  });
}

/**
 * Spawns `<shell> -c command` as a process-group leader carrying the tree's marker (which finds
 * children that leave the group); spawn's own throws become failures.
 */
function spawnShell(command: string, options: RunOptions & { marker: string }, fail: Fail) {
  try {
    // The signal is not handed to spawn: spawn would kill only the shell, not its children.
    return spawn(options.shell ?? "/bin/sh", ["-c", command], {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), [TREE_VARIABLE]: options.marker },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    return fail("COMMAND_FAILED", `could not start: ${String(error)}`, {}, error);
  }
}

/** The failure for how the shell exited, or undefined when it exited 0. */
function exitError(exit: Exit, stderr: Capture, fail: Fail): InterpolationError | undefined {
  const { code, signal } = exit;
  if (code === 0) return undefined;
  const text = stderrText(stderr.bytes());
  const how = code === null ? `was killed by ${signal ?? "a signal"}` : `exited with ${code}`;
  const details = {
    stderr: text,
    ...(code === null ? {} : { exitCode: code }),
    ...(signal === null ? {} : { signal }),
  };
  return fail("COMMAND_FAILED", text === "" ? how : `${how}: ${text}`, details);
}

function stderrText(bytes: Buffer): string {
  const text = bytes.toString("utf8").trim();
  return text.length > STDERR_SHOWN ? `${text.slice(0, STDERR_SHOWN)}…` : text;
}

/** Builds errors that name the command and where it sits in the body. */
function failure(found: FoundCommand) {
  const shown = found.command.length > 200 ? `${found.command.slice(0, 200)}…` : found.command;
  return (
    code: InterpolationErrorCode,
    what: string,
    details: { exitCode?: number; signal?: string; stderr?: string } = {},
    cause?: unknown,
  ): InterpolationError =>
    new InterpolationError(
      code,
      `Command \`${shown}\` at line ${found.line}, column ${found.column} ${what}`,
      { found, ...details },
      cause,
    );
}
