// Skill command interpolation: finds !`cmd` and ```! blocks in a body and replaces them with output.
import { commandPlace, findCommands, type FindOptions, type FoundCommand } from "./_find.js";
import { refusalMessage } from "./_refusal.js";
import { InterpolationError, decodeCapped, runCommand, type RunOptions } from "./_run.js";
import { substituteArguments, unusedArgumentsSuffix, type SubstituteOptions } from "./arguments.js";
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
   * command text refers to (`bindArguments`: no value is ever part of shell text, and a command
   * where a value would be program text is refused with `UNSAFE_ARGUMENT`), verbatim into the
   * prose, then the unused-arguments suffix is appended. Substituting before `interpolate` instead
   * lets an argument holding `` !`…` `` or a backtick create or break a placeholder.
   */
  arguments?: Omit<SubstituteOptions, "quote">;
}

/** What happened to one command during `interpolate`. */
export interface CommandReport {
  /** The text that runs (or would run): arguments appear as `${SKILLFLOW_…}` references. */
  command: string;
  /** The values of the `SKILLFLOW_*` variables `command` names; absent when it names none. */
  arguments?: Record<string, string>;
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
 * `InterpolationError` when a command fails, or is refused because an argument would be program
 * text (`UNSAFE_ARGUMENT`, also in a dry run).
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
  for (const found of findCommands(body, options)) {
    const bound = args === undefined ? unbound(found) : bindArguments(found.command, args);
    const shown = { ...found, command: bound.command };
    // A dry run shows what a run would do, and a run refuses an unsafe command before it starts.
    if (bound.refusals.length > 0 && (skip === undefined || skip === DRY_RUN))
      throw unsafeArgument(found, bound);
    const outcome =
      skip === undefined ? await execute(shown, bound, options) : skipped(shown, bound, skip);
    text += prose(body.slice(cursor, found.start)) + outcome.replacement;
    commands.push(outcome.report);
    cursor = found.end;
  }
  const suffix = args === undefined ? "" : unusedArgumentsSuffix(body, args.raw);
  return { text: text + prose(body.slice(cursor)) + suffix, commands };
}

function unbound(found: FoundCommand): BoundCommand {
  return { command: found.command, env: {}, named: {}, refusals: [] };
}

/** The refusal of a command where an argument would be program text, located in the body. */
function unsafeArgument(found: FoundCommand, bound: BoundCommand): InterpolationError {
  const refusal = bound.refusals[0]!;
  const why = refusalMessage(refusal, commandPlace(found, refusal.offset));
  // The author's text, where the placeholder is: nothing was bound, nothing ran.
  const shown = found.command.length > 200 ? `${found.command.slice(0, 200)}…` : found.command;
  return new InterpolationError(
    "UNSAFE_ARGUMENT",
    `Command \`${shown}\` at line ${found.line}, column ${found.column} was not run: ${why}`,
    { found },
  );
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

function reportOf(found: FoundCommand, bound: BoundCommand): CommandReport {
  const { command, kind, line, column } = found;
  const values = Object.keys(bound.named).length > 0 ? { arguments: { ...bound.named } } : {};
  return { command, ...values, kind, line, column, ran: false };
}

function skipped(found: FoundCommand, bound: BoundCommand, reason: string): Outcome {
  const replacement = reason === DRY_RUN ? `[dry run: ${found.command}]` : `[not run: ${reason}]`;
  return { replacement, report: { ...reportOf(found, bound), reason } };
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
  const result = await runCommand(found, { ...options, env }, maxOutputBytes);
  const { text, truncated } = decodeCapped(result.stdout, result.stdoutBytes, maxOutputBytes);
  return {
    replacement: text,
    report: {
      ...reportOf(found, bound),
      ran: true,
      exitCode: 0,
      durationMs: Math.round(performance.now() - started),
      outputBytes: result.stdoutBytes,
      truncated,
    },
  };
}
