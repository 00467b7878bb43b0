// The `skills` CLI's argument habits, rewritten into the strict form `parseArgs` reads.

/** Flags that take several space-separated values in `skills` (`-a claude-code cursor`). */
const GREEDY: ReadonlyMap<string, string> = new Map([
  ["-a", "--agent"],
  ["--agent", "--agent"],
  ["-s", "--skill"],
  ["--skill", "--skill"],
]);

/**
 * A value that ends a greedy list: a flag, or something shaped like a source or path (agent ids and
 * skill names never hold `/`, `\` or `:`), so `add -a cursor owner/repo` keeps `owner/repo` a source.
 */
function endsList(value: string): boolean {
  return value.startsWith("-") || /[/\\:]/.test(value);
}

/**
 * Rewrites `-a x y` and `--skill x y` (as `skills` reads them) into repeated `--agent x --agent y`,
 * and `skills`' subcommand aliases (`ls`, `rm`, `upgrade`, `a`) into skillflow's names. Everything
 * else passes through unchanged; `--` ends the rewriting.
 */
export function normalizeSkillsArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const long = GREEDY.get(arg);
    if (long === undefined || i + 1 >= argv.length || argv[i + 1]!.startsWith("-")) {
      out.push(arg);
      continue;
    }
    // The first value is taken whatever it looks like (`--agent ./x` is an agent id, as before).
    out.push(long, argv[++i]!);
    while (i + 1 < argv.length && !endsList(argv[i + 1]!)) out.push(long, argv[++i]!);
  }
  return out;
}

/** `skills`' short subcommand names and the skillflow subcommand each means. */
export const SUBCOMMAND_ALIASES: ReadonlyMap<string, string> = new Map([
  ["ls", "list"],
  ["rm", "remove"],
  ["r", "remove"],
  ["a", "add"],
  ["upgrade", "update"],
]);

/** `skills` subcommands skillflow does not have, and what to type instead. */
export const REFUSED_SUBCOMMANDS: ReadonlyMap<string, string> = new Map([
  [
    "experimental_install",
    "skillflow skills install restores skills-lock.json (add --frozen to fail on any change)",
  ],
  ["find", "search https://skills.sh, then skillflow skills add <owner/repo>"],
  ["search", "search https://skills.sh, then skillflow skills add <owner/repo>"],
  [
    "use",
    "skillflow skills add <source>@<skill>, then skillflow skills activate <skill> prints what an agent gets",
  ],
  [
    "sync",
    'skillflow finds skills of installed npm packages itself (package.json "skills"): skillflow skills list',
  ],
  [
    "experimental_sync",
    'skillflow finds skills of installed npm packages itself (package.json "skills"): skillflow skills list',
  ],
]);
