// Skill command interpolation: finds !`cmd` and ```! blocks in a body and replaces them with output.
import { findCommands, type FindOptions, type FoundCommand } from "./_find.js";
import { decodeCapped, runCommand, type RunOptions } from "./_run.js";
import {
  shellQuote,
  substituteArguments,
  unusedArgumentsSuffix,
  type SubstituteOptions,
} from "./arguments.js";
import { bindArguments, type BoundCommand } from "./bind.js";

/** Options of `interpolate`. */
export interface InterpolateOptions extends FindOptions, RunOptions {
  /** Whether the skill comes from a trusted source; untrusted skills never run commands. */
  trusted: boolean;
  /** Global switch for command execution; defaults to true. */
  enabled?: boolean;
  /** Replace each placeholder with `[dry run: <command>]` instead of running it. */
  dryRun?: boolean;
  /** Per command stdout cap in UTF-8 bytes; defaults to 30 000. */
  maxOutputBytes?: number;
  /**
   * Arguments to substitute once commands are found: into commands as environment variables the
   * command text refers to (`bindArguments`: no value is ever part of shell text), verbatim into the
   * prose, then the unused-arguments suffix is appended. Substituting before `interpolate` instead
   * lets an argument holding `` !`…` `` or a backtick create or break a placeholder.
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
    const found = args === undefined ? original : shownWithArguments(original, args);
    const bound =
      args === undefined
        ? { command: original.command, env: {} }
        : bindArguments(original.command, args);
    const outcome =
      skip === undefined ? await execute(found, bound, options) : skipped(found, skip);
    text += prose(body.slice(cursor, found.start)) + outcome.replacement;
    commands.push(outcome.report);
    cursor = found.end;
  }
  const suffix = args === undefined ? "" : unusedArgumentsSuffix(body, args.raw);
  return { text: text + prose(body.slice(cursor)) + suffix, commands };
}

/** The command as people read it in reports and dry runs: arguments shell-quoted in place. */
function shownWithArguments(found: FoundCommand, args: SubstituteOptions): FoundCommand {
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

async function execute(
  found: FoundCommand,
  bound: BoundCommand,
  options: InterpolateOptions,
): Promise<Outcome> {
  const maxOutputBytes = options.maxOutputBytes ?? 30_000;
  const started = performance.now();
  // Runs the bound text; the arguments reach the shell only as variables of its environment.
  const env = { ...(options.env ?? process.env), ...bound.env };
  const result = await runCommand(
    { ...found, command: bound.command },
    { ...options, env },
    maxOutputBytes,
  );
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
