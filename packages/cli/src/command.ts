// The shape of a command and the one place its arguments are parsed (node:util parseArgs).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors.js";
import type { OpenStore } from "./history.js";
import type { Io } from "./io.js";

/** What every command receives besides its arguments. */
export interface CommandContext {
  io: Io;
  /** Opens the run history (`run` records into it, `runs` reads it); SQLite when absent. */
  openStore?: OpenStore;
}

/** Option definitions as parseArgs takes them. */
export type Options = NonNullable<ParseArgsConfig["options"]>;

/** One subcommand: its help text (with examples), its options and what it does. */
export interface Command {
  name: string;
  help: string;
  options: Options;
  /** Rewrites argv before parsing (habits of another tool's flags, e.g. `-a x y`). */
  normalize?(argv: readonly string[]): string[];
  execute(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/** Parsed flags and positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Parses `argv` strictly; an unknown or malformed flag is a BAD_ARGUMENTS error with the usage. */
export function parseCommandArgs(argv: string[], options: Options, help: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError("BAD_ARGUMENTS", message, help);
  }
}

/** A string flag's value, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

/** A repeatable string flag's values. */
export function stringsFlag(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Writes JSON with a trailing newline. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
