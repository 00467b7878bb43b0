// The Io seam: everything the CLI reads from or writes to the outside world, and its Node binding.
import { fstatSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** Something text can be written to (a stream, or a string buffer in tests). */
export interface Writer {
  write(text: string): unknown;
}

/** The world as the CLI sees it; `run(argv, io)` touches nothing else. */
export interface Io {
  stdout: Writer;
  stderr: Writer;
  /** Piped standard input; absent when stdin is a terminal or nothing is piped. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Whether output goes to a person (enables the live view). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether ANSI colours may be used: false when NO_COLOR is set or not on a TTY. */
  colors: boolean;
  /** Aborted when the user asks to stop (Ctrl-C); runs are cancelled cleanly. */
  signal?: AbortSignal;
  /** Asks the person at the terminal a yes/no question; absent when nobody can answer. */
  confirm?(question: string): Promise<boolean>;
  /**
   * Asks the person at the terminal for one line (without its newline); absent when nobody can
   * answer. Rejects when `signal` aborts (an approval's deadline, a cancelled run), and with
   * `PromptInterrupted` when the person presses Ctrl-C (or Ctrl-D) at the prompt.
   */
  ask?(question: string, signal?: AbortSignal): Promise<string>;
  /**
   * The process's own standard streams, for a command that speaks a protocol over them
   * (`skillflow mcp`); absent where the CLI runs inside another program (tests).
   */
  protocol?: { stdin: Readable; stdout: Writable };
}

/** Whether file descriptor 0 is a pipe or a redirected file (not a terminal, not an inherited socket). */
function stdinIsPiped(): boolean {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isFile();
  } catch {
    return false;
  }
}

/** Asks on the terminal; `y` or `yes` (any case) is yes. */
async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** The person left a prompt (Ctrl-C or Ctrl-D at it): nothing was answered. */
export class PromptInterrupted extends Error {
  readonly code = "PROMPT_INTERRUPTED";
  constructor() {
    super("No answer: the prompt was interrupted");
  }
}

/** Reads one line from the terminal; the question goes to stderr, so stdout stays data. */
async function askOnTerminal(question: string, signal?: AbortSignal): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // The terminal is in raw mode while asking: Ctrl-C reaches readline, not the process.
  let closed = false;
  rl.once("close", () => (closed = true));
  try {
    return await rl.question(question, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted !== true && (closed || (error as Error).name === "AbortError"))
      throw new PromptInterrupted();
    throw error;
  } finally {
    rl.close();
  }
}

/** Colours are on for a terminal unless NO_COLOR is set to anything non-empty. */
export function colorsEnabled(isTTY: boolean, env: Io["env"]): boolean {
  return isTTY && (env.NO_COLOR ?? "") === "";
}

/**
 * The real process as an `Io`. The first Ctrl-C aborts `signal` (the run is cancelled and its log
 * written); a second one exits at once with 130.
 */
export function nodeIo(): Io {
  const controller = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write("\nCancelling… (Ctrl-C again to quit now)\n");
    controller.abort(new Error("Interrupted"));
  });
  // A reader that goes away (`skillflow runs list | head -1`) ends the output, not in a stack.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  const isTTY = process.stdout.isTTY === true;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    ...(stdinIsPiped() ? { stdin: process.stdin } : {}),
    isTTY,
    env: process.env,
    cwd: process.cwd(),
    colors: colorsEnabled(isTTY, process.env),
    signal: controller.signal,
    protocol: { stdin: process.stdin, stdout: process.stdout },
    ...(process.stdin.isTTY === true && isTTY
      ? { confirm: confirmOnTerminal, ask: askOnTerminal }
      : {}),
  };
}
