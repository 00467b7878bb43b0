// Where configuration lives and how it is read: the user's config folder and home, the user's file
// and the project's, each parsed and checked (merging and trust come after, in the workspace).
import { homedir } from "node:os";
import path from "node:path";
import { CONFIG_FILES, USER_CONFIG_FILES, parseConfig, type CliConfig } from "./config.js";
import { CliError } from "./errors.js";
import { readSettingsFile } from "./settings-file.js";

/** Where the environment and platform put things; `io.env` in the CLI, never `process.env` directly. */
export interface ConfigContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Defaults to `process.platform`. */
  platform?: NodeJS.Platform;
}

/**
 * The user's config folder: `$SKILLFLOW_CONFIG_HOME` when set; else `%APPDATA%\skillflow` on
 * Windows, `~/Library/Application Support/skillflow` on macOS, `$XDG_CONFIG_HOME/skillflow` or
 * `~/.config/skillflow` elsewhere. Undefined when none can be known (no home folder).
 */
export function userConfigDir(context: ConfigContext): string | undefined {
  const { env } = context;
  const set = (name: string) => {
    const value = env[name];
    return value !== undefined && value !== "" ? value : undefined;
  };
  const explicit = set("SKILLFLOW_CONFIG_HOME");
  // Relative to the working folder, a project's own folder would become the user's configuration.
  if (explicit !== undefined) {
    if (!path.isAbsolute(explicit))
      throw new CliError(
        "INVALID_CONFIG",
        `SKILLFLOW_CONFIG_HOME must be an absolute path (it is "${explicit}"): a relative one would make a folder of the project your own configuration`,
      );
    return explicit;
  }
  const platform = context.platform ?? process.platform;
  const home = set(platform === "win32" ? "USERPROFILE" : "HOME") ?? safeHomedir();
  if (platform === "win32") {
    const appData = set("APPDATA") ?? (home && path.win32.join(home, "AppData", "Roaming"));
    return appData ? path.win32.join(appData, "skillflow") : undefined;
  }
  if (platform === "darwin")
    return home ? path.join(home, "Library", "Application Support", "skillflow") : undefined;
  const xdg = set("XDG_CONFIG_HOME");
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, "skillflow");
  return home ? path.join(home, ".config", "skillflow") : undefined;
}

/** The user's home folder (`$HOME`, `%USERPROFILE%` on Windows, else the OS's answer). */
export function userHomeDir(context: ConfigContext): string | undefined {
  const name = (context.platform ?? process.platform) === "win32" ? "USERPROFILE" : "HOME";
  const value = context.env[name];
  return value !== undefined && value !== "" ? value : safeHomedir();
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

/** The first of `names` in `folder` as [absolute path, text]; undefined when there is none. */
async function readFirst(
  folder: string,
  names: readonly string[],
): Promise<[string, string] | undefined> {
  for (const name of names) {
    const file = path.resolve(folder, name);
    const text = await readSettingsFile(file);
    if (text !== undefined) return [file, text];
  }
  return undefined;
}

/** The user's configuration (`config.{json,yaml,yml}` in `userConfigDir`); none is `{}`. */
export async function loadUserConfig(context: ConfigContext): Promise<CliConfig> {
  const folder = userConfigDir(context);
  if (folder === undefined) return {};
  const found = await readFirst(folder, USER_CONFIG_FILES);
  if (found === undefined) return {};
  const [file, text] = found;
  const config = parseConfig(text, file);
  // Relative paths in the user's file are relative to that file, not to the project.
  if (config.history?.path !== undefined)
    config.history = { ...config.history, path: path.resolve(folder, config.history.path) };
  if (config.skills?.sources !== undefined)
    config.skills = {
      ...config.skills,
      sources: config.skills.sources.map((s) => ({ ...s, path: path.resolve(folder, s.path) })),
    };
  return config;
}

/** Reads `explicit` (from --config), or the first project config file in `cwd`; none is `{}`. */
export async function loadProjectConfig(cwd: string, explicit?: string): Promise<CliConfig> {
  if (explicit === undefined) {
    const found = await readFirst(cwd, CONFIG_FILES);
    return found === undefined ? {} : parseConfig(found[1], path.relative(cwd, found[0]));
  }
  const text = await readSettingsFile(path.resolve(cwd, explicit));
  if (text === undefined) throw new CliError("FILE_NOT_FOUND", `${explicit}: no such config file`);
  return parseConfig(text, explicit);
}

/** The user's and the project's configuration, each checked, not yet merged. */
export interface ConfigFiles {
  user: CliConfig;
  project: CliConfig;
}

/**
 * Reads the user's file (see `userConfigDir`) and the project's (`explicit` from --config, else
 * `skillflow.config.{json,yaml,yml}` in the working folder). Commands get the configuration in
 * effect from `loadWorkspace`, which decides whether the project's privileged settings apply.
 */
export async function loadConfigFiles(
  context: ConfigContext,
  explicit?: string,
): Promise<ConfigFiles> {
  const user = await loadUserConfig(context);
  const project = await loadProjectConfig(context.cwd, explicit);
  return { user, project };
}
