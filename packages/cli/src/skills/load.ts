// Opens the skill library the configuration describes: sources, disabled skills, trust, the index.
import path from "node:path";
import {
  SkillLibrary,
  defaultSkillSources,
  readLockfile,
  scopePaths,
  type SkillLibraryOptions,
} from "@skillflow/skills";
import { defaultHistoryPath } from "@skillflow/store";
import type { CliConfig } from "../config.js";
import { userConfigDir, userHomeDir } from "../config-files.js";
import { CliError } from "../errors.js";
import type { Io } from "../io.js";

/** The metadata index: next to the run history (`.skillflow/` of the project, or `$SKILLFLOW_HOME`). */
export function skillIndexPath(io: Io): string {
  return path.join(
    path.dirname(defaultHistoryPath({ cwd: io.cwd, env: { ...io.env } })),
    "skills-index.json",
  );
}

/** Library options from the configuration and the environment; `extra` folders are team sources. */
export async function libraryOptions(
  io: Io,
  config: CliConfig,
  extra: readonly string[] = [],
): Promise<SkillLibraryOptions> {
  const skills = config.skills ?? {};
  const home = userHomeDir(io);
  const configDir = userConfigDir(io);
  const sources = await defaultSkillSources({
    cwd: io.cwd,
    ...(home !== undefined ? { home } : {}),
    ...(configDir !== undefined ? { userConfigDir: configDir } : {}),
    teams: [
      ...(skills.sources ?? []).map((s) => ({ ...s, path: path.resolve(io.cwd, s.path) })),
      ...extra.map((folder) => ({ path: path.resolve(io.cwd, folder) })),
    ],
    packages: skills.packages !== false,
  });
  const options: SkillLibraryOptions = { sources, indexFile: skillIndexPath(io) };
  if (skills.disabled) options.disabled = skills.disabled;
  if (skills.ignore) options.ignore = skills.ignore;
  if (skills.maxDepth !== undefined) options.maxDepth = skills.maxDepth;
  if (skills.maxFolders !== undefined) options.maxFolders = skills.maxFolders;
  options.trust = {
    ...(skills.trust ? { scopes: skills.trust } : {}),
    ...(skills.commands !== undefined ? { commands: skills.commands } : {}),
    skills: await installedTrust(io, home, skills.trusted ?? []),
  };
  return options;
}

/**
 * Trust per skill: every skill installed from outside (in the project's or the user's lockfile) is
 * untrusted until the user trusts it (`skills trust <name>`, recorded in `skills.trusted`).
 */
async function installedTrust(io: Io, home: string | undefined, trusted: readonly string[]) {
  const scopes = [
    { root: io.cwd, global: false },
    ...(home !== undefined ? [{ root: home, global: true }] : []),
  ];
  const trust = new Map<string, boolean>();
  for (const scope of scopes) {
    const file = scopePaths(scope).lockfile;
    try {
      for (const name of Object.keys((await readLockfile(file)).skills)) trust.set(name, false);
    } catch (error) {
      throw new CliError("INVALID_CONFIG", (error as Error).message);
    }
  }
  for (const name of trusted) trust.set(name, true);
  return trust;
}

/** Discovers the skills visible from the working folder (plus `extra` folders). */
export async function loadLibrary(
  io: Io,
  config: CliConfig,
  extra: readonly string[] = [],
): Promise<SkillLibrary> {
  return SkillLibrary.load(await libraryOptions(io, config, extra));
}
