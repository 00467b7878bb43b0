// Git configuration keys that make git run a program, kept as data: which keys the shell tool refuses.

/**
 * One family of keys that name a program git runs. `subsection` says whether the key has a middle
 * part (`filter.<driver>.clean`: "some"), none (`core.sshCommand`: "none") or either ("any");
 * `when` narrows the rule to values that run something (`alias.x = !cmd`, not `alias.x = log`).
 */
interface ProgramKey {
  section: string;
  subsection: "none" | "some" | "any";
  names: readonly string[];
  what: string;
  when?: (value: string) => boolean;
}

/** A value split_cmdline would start with `!` (shell) or `-` (global options such as `-c`). */
const runsShellOrSetsOptions = (value: string): boolean => /^[\s"'\\]*[!-]/.test(value);

// The keys the environment overrides cannot neutralise (they are named by a driver, remote or tool
// the override cannot know, or overriding them would break the user's own global setting). Keys
// the overrides do neutralise (core.fsmonitor, core.hooksPath, core.pager, pager.*, core.editor,
// sequence.editor, core.askPass, protocol.*.allow) are not listed: the command line wins.
const PROGRAM_KEYS: readonly ProgramKey[] = [
  {
    section: "filter",
    subsection: "some",
    names: ["clean", "smudge", "process"],
    what: "a filter program",
  },
  { section: "diff", subsection: "some", names: ["textconv", "command"], what: "a diff program" },
  { section: "diff", subsection: "none", names: ["external"], what: "an external diff program" },
  { section: "merge", subsection: "some", names: ["driver"], what: "a merge driver" },
  {
    section: "alias",
    subsection: "any",
    names: ["*"],
    what: "an alias that runs a shell command or sets git options",
    when: runsShellOrSetsOptions,
  },
  { section: "credential", subsection: "any", names: ["helper"], what: "a credential helper" },
  {
    section: "core",
    subsection: "none",
    names: ["sshcommand", "gitproxy", "alternaterefscommand"],
    what: "a program git runs for transports",
  },
  {
    section: "remote",
    subsection: "some",
    names: ["uploadpack", "receivepack"],
    what: "a program run for a remote",
  },
  { section: "gpg", subsection: "any", names: ["program"], what: "a signing program" },
  { section: "gpg", subsection: "some", names: ["defaultkeycommand"], what: "a signing command" },
  { section: "difftool", subsection: "some", names: ["cmd", "path"], what: "a diff tool" },
  { section: "mergetool", subsection: "some", names: ["cmd", "path"], what: "a merge tool" },
  { section: "browser", subsection: "some", names: ["cmd", "path"], what: "a browser command" },
  { section: "man", subsection: "some", names: ["cmd", "path"], what: "a manual viewer" },
  { section: "instaweb", subsection: "none", names: ["httpd"], what: "a web server program" },
  { section: "interactive", subsection: "none", names: ["difffilter"], what: "a diff filter" },
  {
    section: "sendemail",
    subsection: "any",
    names: ["tocmd", "cccmd", "sendmailcmd"],
    what: "a send-email command",
  },
  {
    section: "sendemail",
    subsection: "any",
    names: ["smtpserver"],
    what: "a sendmail program",
    when: (value) => value.includes("/"),
  },
  {
    section: "submodule",
    subsection: "some",
    names: ["update"],
    what: "a submodule update command",
    when: (value) => value.trimStart().startsWith("!"),
  },
  {
    section: "uploadpack",
    subsection: "none",
    names: ["packobjectshook"],
    what: "a pack-objects hook",
  },
  { section: "hook", subsection: "some", names: ["command"], what: "a hook command" },
  {
    section: "trailer",
    subsection: "some",
    names: ["command", "cmd"],
    what: "a trailer command (interpret-trailers, commit --trailer)",
  },
  { section: "imap", subsection: "none", names: ["tunnel"], what: "an IMAP tunnel command" },
  { section: "guitool", subsection: "some", names: ["cmd"], what: "a git gui tool command" },
  // Included files are read by git before the command runs and could hold any of the above; a
  // conditional include (`onbranch:`) can switch on while the command runs, so none is followed.
  { section: "include", subsection: "none", names: ["path"], what: "an included config file" },
  { section: "includeif", subsection: "some", names: ["path"], what: "an included config file" },
];

/** A key as git lists it: section and name lowercased, the subsection (which may hold dots) as is. */
function splitKey(key: string): { section: string; subsection: string | undefined; name: string } {
  const first = key.indexOf(".");
  const last = key.lastIndexOf(".");
  return {
    section: key.slice(0, first).toLowerCase(),
    subsection: first === last ? undefined : key.slice(first + 1, last),
    name: key.slice(last + 1).toLowerCase(),
  };
}

/** What program `key = value` makes git run, or undefined when the entry runs nothing. */
export function programKey(key: string, value: string): string | undefined {
  const { section, subsection, name } = splitKey(key);
  for (const rule of PROGRAM_KEYS) {
    if (rule.section !== section) continue;
    if (rule.subsection === "none" && subsection !== undefined) continue;
    if (rule.subsection === "some" && subsection === undefined) continue;
    if (!rule.names.includes("*") && !rule.names.includes(name)) continue;
    if (rule.when !== undefined && !rule.when(value)) continue;
    return rule.what;
  }
  return undefined;
}
