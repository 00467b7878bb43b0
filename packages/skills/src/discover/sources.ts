// Where skills come from: scopes in precedence order, and the folders each scope looks in.
import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { readSkillFile } from "../read-file.js";

/** Scopes, highest precedence first. */
export const SKILL_SCOPES = ["project", "user", "team", "package"] as const;

/** A scope: the project, the user, a team folder from config, or an installed npm package. */
export type SkillScope = (typeof SKILL_SCOPES)[number];

/** One folder skills are found in (recursively, through category folders). */
export interface SkillSource {
  scope: SkillScope;
  /** Absolute folder. */
  root: string;
  /** What to call it (a team name, a package name); defaults to the folder. */
  label?: string;
  /** Whether its skills may run commands; overrides the scope's default. */
  trusted?: boolean;
}

/** Inputs of `defaultSkillSources`. */
export interface DefaultSourcesOptions {
  cwd: string;
  /** The user's home folder (for `~/.agents/skills` and `~/.claude/skills`). */
  home?: string;
  /** The user's skillflow config folder (its `skills/` is a user source). */
  userConfigDir?: string;
  /**
   * Team folders and other sources listed in config, in order; `scope` defaults to `team` (a host
   * gives `project` to folders that a project's own configuration names).
   */
  teams?: readonly { path: string; label?: string; trusted?: boolean; scope?: SkillScope }[];
  /** Look in installed npm packages (the nearest `node_modules`); default true. */
  packages?: boolean;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** The folders from `cwd` up to the repository root (the first with `.git`), nearest first. */
export async function projectFolders(cwd: string): Promise<string[]> {
  const folders: string[] = [];
  let current = path.resolve(cwd);
  for (;;) {
    folders.push(current);
    const parent = path.dirname(current);
    if (parent === current || (await exists(path.join(current, ".git")))) return folders;
    current = parent;
  }
}

/** `skills` of a package.json: a folder or a list of folders, relative to the package. */
function declaredSkillFolders(manifest: unknown): string[] {
  const skills = (manifest as { skills?: unknown } | null)?.skills;
  if (typeof skills === "string") return [skills];
  if (Array.isArray(skills)) return skills.filter((s): s is string => typeof s === "string");
  return [];
}

/** Packages in `node_modules` whose package.json declares `"skills": "<folder>"` (or a list). */
export async function packageSources(nodeModules: string): Promise<SkillSource[]> {
  let names: string[];
  try {
    names = await readdir(nodeModules);
  } catch {
    return [];
  }
  const packages: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    if (name.startsWith("@")) {
      const scoped = await readdir(path.join(nodeModules, name)).catch(() => [] as string[]);
      packages.push(...scoped.sort().map((s) => `${name}/${s}`));
    } else packages.push(name);
  }
  const sources: SkillSource[] = [];
  for (const name of packages) {
    const dir = path.join(nodeModules, name);
    // A package's own package.json: read only when it is a regular file of sane size.
    const manifest = await readSkillFile(path.join(dir, "package.json"))
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => undefined);
    for (const folder of declaredSkillFolders(manifest)) {
      const root = path.resolve(dir, folder);
      // A package cannot point outside itself.
      if (root === dir || root.startsWith(dir + path.sep))
        sources.push({ scope: "package", root, label: name });
    }
  }
  return sources;
}

/**
 * The standard sources, highest precedence first: the project's `.agents/skills` and
 * `.claude/skills` from `cwd` up to the repository root; the user's `~/.agents/skills`,
 * `~/.claude/skills` and `<config>/skills`; team folders; skills of installed npm packages.
 */
export async function defaultSkillSources(options: DefaultSourcesOptions): Promise<SkillSource[]> {
  const sources: SkillSource[] = [];
  const folders = await projectFolders(options.cwd);
  for (const folder of folders)
    for (const agent of [".agents", ".claude"])
      sources.push({ scope: "project", root: path.join(folder, agent, "skills") });
  if (options.home !== undefined)
    for (const agent of [".agents", ".claude"])
      sources.push({ scope: "user", root: path.join(options.home, agent, "skills") });
  if (options.userConfigDir !== undefined)
    sources.push({ scope: "user", root: path.join(options.userConfigDir, "skills") });
  for (const team of options.teams ?? []) {
    const source: SkillSource = {
      scope: team.scope ?? "team",
      root: path.resolve(options.cwd, team.path),
    };
    if (team.label !== undefined) source.label = team.label;
    if (team.trusted !== undefined) source.trusted = team.trusted;
    sources.push(source);
  }
  if (options.packages !== false) {
    // The nearest node_modules, as Node resolves packages.
    for (const folder of folders) {
      const nodeModules = path.join(folder, "node_modules");
      if (!(await exists(nodeModules))) continue;
      sources.push(...(await packageSources(nodeModules)));
      break;
    }
  }
  const seen = new Set<string>();
  return sources.filter((s) => !seen.has(s.root) && seen.add(s.root));
}
