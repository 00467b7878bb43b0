// The programs that run their arguments as code, as data: which option or operand holds program text.

/** What a word of a command is to the program that receives it. */
export type Role =
  /** Data: an operand, an option or its value. */
  | "data"
  /** Program text: `sh -c` and `python -c` code, an awk or sed script, a jq filter, `eval`. */
  | "text"
  /** The file of program text to run: `bash FILE`, `python3 FILE`, `source FILE`, `awk -f FILE`. */
  | "file"
  /** Evaluated as arithmetic (`let`, `[[ … -eq … ]]`), where bash runs `$(…)` in subscripts. */
  | "arithmetic"
  /** A variable name (`read NAME`, `printf -v NAME`), whose subscript bash evaluates. */
  | "name";

/** How one program reads its options and operands. */
export interface ProgramSpec {
  /** Options whose value (the next word, or the rest of the word) is program text. */
  text?: readonly string[];
  /** Options whose value names a file of program text. */
  file?: readonly string[];
  /** Options taking data values, with how many words (`jq --arg NAME VALUE` takes 2). */
  values?: Readonly<Record<string, number>>;
  /** Options whose value is a variable name (`read -a NAME`, `printf -v NAME`). */
  names?: readonly string[];
  /** Options whose value may be attached or the next word (BSD `sed -i ''`): both are assumed. */
  maybeValue?: readonly string[];
  /** Flag letters that make the first operand program text (`sh -c`). */
  textMode?: string;
  /** Options that end the search for a program: it comes from elsewhere (`python -m module`). */
  stop?: readonly string[];
  /** What operands are when no option gave the program. */
  operands:
    | "text-first"
    | "file-first"
    | "text-all"
    | "text-after-first"
    | "arith-all"
    | "name-all"
    | "data";
  /** Options may follow operands (GNU getopt permutes them: sed, jq). */
  permute?: boolean;
  /** A text option ends the options: what follows is the program's data (`python -c CODE ARGS`). */
  textEnds?: boolean;
}

const SHELL: ProgramSpec = {
  textMode: "c",
  values: { "-o": 1, "+o": 1, "-O": 1, "+O": 1 },
  file: ["--rcfile", "--init-file"],
  operands: "file-first",
};

/** Programs by command name (a regular expression over the basename). */
export const PROGRAMS: readonly (readonly [RegExp, ProgramSpec])[] = [
  [/^(?:sh|bash|rbash|dash|zsh|ksh|ksh93|mksh|ash|yash|posh|csh|tcsh)$/, SHELL],
  [
    /^script$/,
    {
      text: ["-c", "--command"],
      values: { "-E": 1, "-I": 1, "-O": 1, "-B": 1, "-T": 1 },
      operands: "data",
      permute: true,
    },
  ],
  [/^npm$/, { text: ["-c", "--call"], operands: "data", permute: true }],
  // Options before the subcommand only: `git -c alias.x='!cmd' x` runs what the value says.
  [/^git$/, { text: ["-c"], values: { "-C": 1, "--config-env": 1 }, operands: "data" }],
  [/^dc$/, { text: ["-e", "--expression"], file: ["-f", "--file"], operands: "file-first" }],
  // `deno eval CODE` and `deno run FILE ARGS`: every operand after the subcommand is suspect.
  [/^deno$/, { operands: "text-after-first" }],
  [
    /^julia$/,
    {
      text: ["-e", "--eval", "-E", "--print"],
      file: ["-L", "--load"],
      values: { "-p": 1, "-t": 1, "--project": 1 },
      operands: "file-first",
    },
  ],
  [
    /^(?:vim?|nvim|ex|view|gvim)$/,
    { text: ["-c", "--cmd"], file: ["-S", "-u"], operands: "data", permute: true },
  ],
  [
    /^gdb$/,
    {
      text: ["-ex", "--ex", "-iex", "--eval-command", "--init-eval-command"],
      file: ["-x", "-ix", "--command", "--init-command"],
      operands: "data",
      permute: true,
    },
  ],
  [
    /^g?tar$/,
    {
      text: [
        "--checkpoint-action",
        "--to-command",
        "--use-compress-program",
        "-I",
        "--info-script",
        "--new-volume-script",
        "-F",
        "--rsh-command",
        "--rmt-command",
      ],
      values: { "-f": 1, "--file": 1, "-C": 1, "--directory": 1, "-T": 1, "-X": 1 },
      operands: "data",
      permute: true,
    },
  ],
  [
    /^(?:python|pypy)[0-9.]*$/,
    {
      text: ["-c"],
      values: { "-W": 1, "-X": 1 },
      stop: ["-m"],
      operands: "file-first",
      textEnds: true,
    },
  ],
  [
    /^(?:node|nodejs)$/,
    {
      text: ["-e", "--eval", "-p", "--print"],
      file: ["-r", "--require", "--import", "--loader", "--experimental-loader"],
      values: { "-C": 1, "--conditions": 1, "--input-type": 1, "--env-file": 1 },
      operands: "file-first",
    },
  ],
  [
    /^perl[0-9.]*$/,
    { text: ["-e", "-E", "-M", "-m"], values: { "-I": 1, "-x": 1 }, operands: "file-first" },
  ],
  [
    /^ruby[0-9.]*$/,
    { text: ["-e"], file: ["-r"], values: { "-I": 1, "-C": 1, "-E": 1 }, operands: "file-first" },
  ],
  [
    /^php[0-9.]*$/,
    {
      text: ["-r", "-B", "-R", "-E"],
      file: ["-f", "-F"],
      values: { "-c": 1, "-d": 1, "-z": 1 },
      operands: "file-first",
    },
  ],
  [
    /^(?:awk|gawk|mawk|nawk)$/,
    {
      text: ["-e", "--source"],
      file: ["-f", "--file", "-i", "--include", "-l", "--load"],
      values: { "-v": 1, "--assign": 1, "-F": 1, "--field-separator": 1, "-W": 1 },
      operands: "text-first",
    },
  ],
  [
    /^g?sed$/,
    {
      text: ["-e", "--expression"],
      file: ["-f", "--file"],
      values: { "-l": 1, "--line-length": 1 },
      maybeValue: ["-i"],
      operands: "text-first",
      permute: true,
    },
  ],
  [
    /^(?:jq|gojq|jaq)$/,
    {
      file: ["-f", "--from-file"],
      values: { "--arg": 2, "--argjson": 2, "--slurpfile": 2, "--rawfile": 2, "--indent": 1 },
      operands: "text-first",
      permute: true,
    },
  ],
  [/^fish$/, { text: ["-c", "--command"], values: { "-C": 1 }, operands: "file-first" }],
  [
    /^(?:pwsh|powershell)(?:\.exe)?$/i,
    { text: ["-c", "-command", "-Command"], operands: "file-first" },
  ],
  [/^(?:osascript|lua(?:jit|[0-9.]*)?|R|Rscript)$/, { text: ["-e"], operands: "file-first" }],
  [
    /^bun$/,
    { text: ["-e", "--eval", "-p", "--print"], file: ["-r", "--preload"], operands: "file-first" },
  ],
  [
    /^sqlite3?$/,
    {
      text: ["-cmd"],
      file: ["-init"],
      values: { "-separator": 1, "-newline": 1, "-nullvalue": 1 },
      operands: "text-after-first",
    },
  ],
  [
    /^psql$/,
    {
      text: ["-c", "--command"],
      file: ["-f", "--file"],
      values: Object.fromEntries([..."dhpUvPL"].map((letter) => [`-${letter}`, 1])),
      operands: "data",
    },
  ],
  [
    /^(?:mysql|mariadb)$/,
    {
      text: ["-e", "--execute"],
      values: Object.fromEntries([..."uhPDS"].map((letter) => [`-${letter}`, 1])),
      operands: "data",
    },
  ],
  [/^eval$/, { operands: "text-all" }],
  [/^(?:source|\.)$/, { operands: "file-first" }],
  [/^trap$/, { operands: "text-first" }],
  [/^watch$/, { values: { "-n": 1, "--interval": 1 }, operands: "text-all" }],
  [
    /^su$/,
    {
      text: ["-c", "--command"],
      values: { "-s": 1, "--shell": 1, "-g": 1, "-G": 1, "-u": 1, "--user": 1, "-w": 1 },
      operands: "data",
      permute: true,
    },
  ],
  [
    /^ssh$/,
    {
      // `-o ProxyCommand=…` and `-o LocalCommand=…` run commands: option values are program text.
      text: ["-o"],
      file: ["-F"],
      values: Object.fromEntries([..."bcDEeIiJLlmOpQRSWw"].map((letter) => [`-${letter}`, 1])),
      operands: "text-after-first",
    },
  ],
  [/^let$/, { operands: "arith-all" }],
  [
    /^read$/,
    {
      values: { "-d": 1, "-i": 1, "-n": 1, "-N": 1, "-p": 1, "-t": 1, "-u": 1 },
      names: ["-a"],
      operands: "name-all",
    },
  ],
];

/** Commands that run the command after their own options (`env`, `xargs`, `timeout 5 …`). */
export interface WrapperSpec {
  values?: Readonly<Record<string, number>>;
  /** Options whose value is program text (`env -S`, `flock -c`). */
  text?: readonly string[];
  /** Operands before the command (`timeout DURATION`, `flock FILE`). */
  operands?: number;
  /** `NAME=value` words before the command are assignments (`env`). */
  assignments?: boolean;
  /** Options may also follow its operands (`flock FILE -c CMD`). */
  permute?: boolean;
  /** After `--` the command follows at once, its operands having been given as options (`runuser -u U --`). */
  commandAfterDashDash?: boolean;
  /** Options with which it only looks the command up, running nothing (`command -v`). */
  inspect?: readonly string[];
}

/** Wrappers by command name. */
export const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map<string, WrapperSpec>([
  [
    "env",
    {
      values: { "-u": 1, "--unset": 1, "-C": 1, "--chdir": 1 },
      text: ["-S", "--split-string"],
      assignments: true,
    },
  ],
  ["command", { inspect: ["-v", "-V"] }],
  ["builtin", {}],
  ["exec", { values: { "-a": 1 } }],
  ["nohup", {}],
  ["time", {}],
  ["setsid", {}],
  ["busybox", {}],
  ["nice", { values: { "-n": 1, "--adjustment": 1 } }],
  ["ionice", { values: { "-c": 1, "-n": 1 } }],
  ["stdbuf", { values: { "-i": 1, "-o": 1, "-e": 1 } }],
  ["timeout", { values: { "-s": 1, "--signal": 1, "-k": 1, "--kill-after": 1 }, operands: 1 }],
  [
    "flock",
    { values: { "-w": 1, "-E": 1 }, text: ["-c", "--command"], operands: 1, permute: true },
  ],
  [
    "runuser",
    {
      text: ["-c", "--command"],
      values: {
        "-u": 1,
        "--user": 1,
        "-g": 1,
        "--group": 1,
        "-G": 1,
        "-s": 1,
        "--shell": 1,
        "-w": 1,
      },
      operands: 1,
      permute: true,
      commandAfterDashDash: true,
    },
  ],
  ["npx", { values: { "-p": 1, "--package": 1 }, text: ["-c", "--call"] }],
  [
    "uv",
    {
      values: {
        "--with": 1,
        "--python": 1,
        "-p": 1,
        "--project": 1,
        "--directory": 1,
        "--from": 1,
      },
      operands: 1,
    },
  ],
  ["uvx", { values: { "--with": 1, "--python": 1, "-p": 1, "--from": 1 } }],
  ["pipx", { values: { "--spec": 1, "--python": 1 }, operands: 1 }],
  ["taskset", { operands: 1 }],
  ["chrt", { operands: 1 }],
  ["chroot", { values: { "--userspec": 1, "--groups": 1 }, operands: 1 }],
  [
    "unshare",
    {
      values: {
        "-S": 1,
        "-G": 1,
        "--setuid": 1,
        "--setgid": 1,
        "-R": 1,
        "--root": 1,
        "-w": 1,
        "--wd": 1,
      },
    },
  ],
  [
    "nsenter",
    { values: { "-t": 1, "--target": 1, "-S": 1, "-G": 1, "--setuid": 1, "--setgid": 1 } },
  ],
  ["doas", { values: { "-u": 1, "-C": 1 } }],
  [
    "sudo",
    {
      values: Object.fromEntries([..."gCDhprtUTu"].map((letter) => [`-${letter}`, 1])),
    },
  ],
  [
    "xargs",
    {
      values: Object.fromEntries(
        [..."IndPELsa"]
          .map((letter) => `-${letter}`)
          .concat(["--arg-file", "--delimiter", "--max-args", "--max-procs", "--eof"])
          .map((flag) => [flag, 1]),
      ),
    },
  ],
]);

/** `find … -exec CMD … ;` and its kin run a command. */
export const FIND_EXEC: ReadonlySet<string> = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

/** bash's arithmetic test operators: `[[ A -eq B ]]` evaluates A and B. */
export const ARITHMETIC_TESTS: ReadonlySet<string> = new Set([
  "-eq",
  "-ne",
  "-lt",
  "-le",
  "-gt",
  "-ge",
]);

/** Commands where the word after `-v` is a variable name (`printf -v`, `test -v`, `[[ -v ]]`). */
export const NAME_AFTER_V: ReadonlySet<string> = new Set(["printf", "test", "[", "[["]);

/** bash declarations: `declare NAME=value`; with `-i` the value is arithmetic. */
export const DECLARATIONS: ReadonlySet<string> = new Set(["declare", "typeset", "local"]);

/** The spec of the program called `name`, if it runs code. */
export function programSpec(name: string): ProgramSpec | undefined {
  return PROGRAMS.find(([pattern]) => pattern.test(name))?.[1];
}
