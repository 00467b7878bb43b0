// The environment git runs with through the shell tool: overrides no repository configuration can undo.
import path from "node:path";

/**
 * Configuration given on git's command line (through `GIT_CONFIG_COUNT`, git 2.31+) wins over every
 * configuration file, so these neutralise what a repository could otherwise make git run:
 * implicitly discovered bare repositories (a folder with `HEAD`, `objects/`, `refs/` and a `config`
 * a workflow wrote), fsmonitor commands, hooks, the ext:: transport and askpass programs.
 */
export const GIT_CONFIG_OVERRIDES: readonly (readonly [string, string])[] = [
  ["safe.bareRepository", "explicit"],
  ["core.fsmonitor", "false"],
  ["core.hooksPath", "/dev/null"],
  ["core.pager", "cat"],
  ["core.askPass", ""],
  ["protocol.ext.allow", "never"],
];

/**
 * Variables that beat `core.pager`, `pager.<command>`, `core.editor`, `sequence.editor` and
 * `core.askPass`; the host's `env` may set its own (the host is trusted, the repository is not).
 */
const GIT_VARIABLES: Readonly<Record<string, string>> = {
  GIT_PAGER: "cat",
  GIT_EDITOR: "true",
  GIT_SEQUENCE_EDITOR: "true",
  GIT_ASKPASS: "",
  GIT_TERMINAL_PROMPT: "0",
};

/** Whether `command` runs git: its base name is `git` (any path to it). */
export function isGitCommand(command: string): boolean {
  return /^git(\.exe)?$/i.test(path.basename(command));
}

/**
 * `env` with the git overrides: the variables unless the host set them, and the configuration
 * entries appended after any the host passed, so they come last and win.
 */
export function gitEnvironment(env: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = { ...GIT_VARIABLES, ...env };
  const count = Number.parseInt(env.GIT_CONFIG_COUNT ?? "0", 10);
  const start = Number.isSafeInteger(count) && count > 0 ? count : 0;
  GIT_CONFIG_OVERRIDES.forEach(([key, value], index) => {
    result[`GIT_CONFIG_KEY_${start + index}`] = key;
    result[`GIT_CONFIG_VALUE_${start + index}`] = value;
  });
  result.GIT_CONFIG_COUNT = String(start + GIT_CONFIG_OVERRIDES.length);
  // `GIT_CONFIG_PARAMETERS` (what `git -c` sets) is read after the count and would win over it.
  delete result.GIT_CONFIG_PARAMETERS;
  return result;
}
