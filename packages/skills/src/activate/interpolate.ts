// Skill command interpolation: finds !`cmd` and ```! blocks in a body and replaces them with output.
import { spawn } from "node:child_process";
import {
  shellQuote,
  substituteArguments,
  unusedArgumentsSuffix,
  type SubstituteOptions,
} from "./arguments.js";

/** One command placeholder found in a skill body. */
export interface FoundCommand {
  kind: "inline" | "block";
  /** The shell text: the inline span's content, or the block's lines without the fences. */
  command: string;
  /** Offsets of the whole placeholder in the body (end exclusive). */
  start: number;
  end: number;
  /** 1-based line (plus `lineOffset`) and column of the `!` or of the opening fence. */
  line: number;
  column: number;
}

/** Options of `findCommands`. */
export interface FindOptions {
  /** Added to every line number, so a caller can report lines of the whole SKILL.md. */
  lineOffset?: number;
}

/** Options of `interpolate`. */
export interface InterpolateOptions extends FindOptions {
  /** Whether the skill comes from a trusted source; untrusted skills never run commands. */
  trusted: boolean;
  /** Global switch for command execution; defaults to true. */
  enabled?: boolean;
  /** Replace each placeholder with `[dry run: <command>]` instead of running it. */
  dryRun?: boolean;
  cwd: string;
  /** The child's environment; defaults to this process's environment. */
  env?: Record<string, string | undefined>;
  /** Per command; defaults to 120 000. */
  timeoutMs?: number;
  /** Per command stdout cap in UTF-8 bytes; defaults to 30 000. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  /** Defaults to `/bin/sh`; it is run as `<shell> -c <command>`. */
  shell?: string;
  /**
   * Arguments to substitute once commands are found: shell-quoted into command text, verbatim into
   * the prose, then the unused-arguments suffix is appended. Substituting before `interpolate`
   * instead lets an argument holding `` !`…` `` or a backtick create or break a placeholder.
   */
  arguments?: Omit<SubstituteOptions, "quote">;
}

/** What happened to one command during `interpolate`. */
export interface CommandReport {
  command: string;
  kind: FoundCommand["kind"];
  line: number;
  column: number;
  ran: boolean;
  /** Why the command did not run. */
  reason?: string;
  exitCode?: number;
  durationMs?: number;
  /** Size of the full stdout in bytes, before truncation. */
  outputBytes?: number;
  truncated?: boolean;
}

/** The interpolated body and a report per command, in body order. */
export interface InterpolationResult {
  text: string;
  commands: CommandReport[];
}

/** Why a command failed the activation. */
export type InterpolationErrorCode = "COMMAND_FAILED" | "COMMAND_TIMEOUT" | "COMMAND_ABORTED";

/** A command that exited non-zero, timed out, was aborted or could not start. */
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

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// `!` at line start or after whitespace; the span cannot hold a backtick (use a ```! block instead).
const INLINE = /(^|[ \t])!`([^`\n]+)`/g;

/** Finds the commands of `body`; commands inside ordinary fenced code blocks are documentation. */
export function findCommands(body: string, options: FindOptions = {}): FoundCommand[] {
  const offset = options.lineOffset ?? 0;
  const lines = splitLines(body);
  const found: FoundCommand[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = FENCE.exec(line.text);
    if (fence === null) {
      found.push(...inlineCommands(line, index + 1 + offset));
      index++;
      continue;
    }
    // Like CommonMark, an unclosed fence runs to the end of the body.
    const close = closingFence(lines, index, fence[1]!);
    if (fence[1]!.startsWith("`") && fence[2]!.trim() === "!") {
      found.push(blockCommand(lines, index, close, index + 1 + offset));
    }
    index = (close ?? lines.length) + 1;
  }
  return found;
}

interface Line {
  /** The line without its terminator (`\n` or `\r\n`). */
  text: string;
  start: number;
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of body.split("\n")) {
    lines.push({ text: raw.endsWith("\r") ? raw.slice(0, -1) : raw, start });
    start += raw.length + 1;
  }
  return lines;
}

/** The index of the line closing the fence opened at `open`, or undefined when it never closes. */
function closingFence(lines: readonly Line[], open: number, marker: string): number | undefined {
  for (let index = open + 1; index < lines.length; index++) {
    const match = FENCE.exec(lines[index]!.text);
    if (match?.[2]!.trim() === "" && match[1]!.startsWith(marker)) return index;
  }
  return undefined;
}

function inlineCommands(line: Line, lineNumber: number): FoundCommand[] {
  return [...line.text.matchAll(INLINE)].map((match) => {
    const bang = match.index + match[1]!.length;
    return {
      kind: "inline" as const,
      command: match[2]!,
      start: line.start + bang,
      end: line.start + match.index + match[0].length,
      line: lineNumber,
      column: bang + 1,
    };
  });
}

function blockCommand(
  lines: readonly Line[],
  open: number,
  close: number | undefined,
  line: number,
): FoundCommand {
  const opening = lines[open]!;
  const last = lines[close ?? lines.length - 1]!;
  const content = lines.slice(open + 1, close ?? lines.length);
  return {
    kind: "block",
    command: content.map((entry) => entry.text).join("\n"),
    // The placeholder spans whole lines (indentation included) but not the final line break.
    start: opening.start,
    end: last.start + last.text.length,
    line,
    column: opening.text.length - opening.text.trimStart().length + 1,
  };
}

/**
 * Replaces every command placeholder of `body` with its stdout (one trailing newline stripped), in
 * order; output and substituted arguments are never scanned for commands. Untrusted skills, a
 * disabled switch and dry runs run nothing and leave a visible marker instead. Throws
 * `InterpolationError` when a command fails.
 */
export async function interpolate(
  body: string,
  options: InterpolateOptions,
): Promise<InterpolationResult> {
  const skip = skipReason(options);
  const args = options.arguments;
  const prose = (part: string): string =>
    args === undefined ? part : substituteArguments(part, args);
  const commands: CommandReport[] = [];
  let text = "";
  let cursor = 0;
  for (const original of findCommands(body, options)) {
    const found = args === undefined ? original : withArguments(original, args);
    const outcome = skip === undefined ? await execute(found, options) : skipped(found, skip);
    text += prose(body.slice(cursor, found.start)) + outcome.replacement;
    commands.push(outcome.report);
    cursor = found.end;
  }
  const suffix = args === undefined ? "" : unusedArgumentsSuffix(body, args.raw);
  return { text: text + prose(body.slice(cursor)) + suffix, commands };
}

function withArguments(found: FoundCommand, args: SubstituteOptions): FoundCommand {
  return { ...found, command: substituteArguments(found.command, { ...args, quote: shellQuote }) };
}

interface Outcome {
  replacement: string;
  report: CommandReport;
}

const DRY_RUN = "dry run";

/** Why nothing runs; a dry run ranks last, so it never shows a command that could not run anyway. */
function skipReason(options: InterpolateOptions): string | undefined {
  if (options.enabled === false) return "command execution is disabled";
  if (!options.trusted) return "untrusted skill";
  return options.dryRun === true ? DRY_RUN : undefined;
}

function reportOf(found: FoundCommand): CommandReport {
  const { command, kind, line, column } = found;
  return { command, kind, line, column, ran: false };
}

function skipped(found: FoundCommand, reason: string): Outcome {
  const replacement = reason === DRY_RUN ? `[dry run: ${found.command}]` : `[not run: ${reason}]`;
  return { replacement, report: { ...reportOf(found), reason } };
}

async function execute(found: FoundCommand, options: InterpolateOptions): Promise<Outcome> {
  const maxOutputBytes = options.maxOutputBytes ?? 30_000;
  const started = performance.now();
  const result = await runCommand(found, options, maxOutputBytes);
  const { text, truncated } = decodeCapped(result.stdout, result.stdoutBytes, maxOutputBytes);
  return {
    replacement: text,
    report: {
      ...reportOf(found),
      ran: true,
      exitCode: 0,
      durationMs: Math.round(performance.now() - started),
      outputBytes: result.stdoutBytes,
      truncated,
    },
  };
}

/** Decodes captured stdout, cutting at a character boundary and marking any truncation. */
function decodeCapped(
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
// After the shell exits, background children are killed; this bounds the wait for pipes to close
// when one escaped the process group (setsid) and still holds them.
const CLOSE_GRACE_MS = 500;

/** Kills the command's whole process group; it leads one because it was spawned detached. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is already gone.
  }
}

type Fail = ReturnType<typeof failure>;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function runCommand(found: FoundCommand, options: InterpolateOptions, cap: number) {
  return new Promise<RunResult>((resolve, reject) => {
    const fail = failure(found);
    if (options.signal?.aborted === true) return reject(fail("COMMAND_ABORTED", "was aborted"));
    const child = spawnShell(found.command, options, fail);
    if (child instanceof InterpolationError) return reject(child);
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
      killGroup(child.pid);
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
      // Background children would hold the pipes open, so `close` would wait for them.
      killGroup(child.pid);
      graceTimer = setTimeout(() => settle(), CLOSE_GRACE_MS);
    });
    child.on("close", () => settle());
  });
}

/** Spawns `<shell> -c command` as a process-group leader; spawn's own throws become failures. */
function spawnShell(command: string, options: InterpolateOptions, fail: Fail) {
  try {
    // The signal is not handed to spawn: spawn would kill only the shell, not its children.
    return spawn(options.shell ?? "/bin/sh", ["-c", command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
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
