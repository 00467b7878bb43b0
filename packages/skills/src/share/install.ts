// Installing skills: add from a source, restore from the lockfile, check and update, remove.
import { lstat, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { discoverSkills, type DiscoveredSkill } from "../discover/discover.js";
import { readSkillFile } from "../read-file.js";
import { AGENTS, CANONICAL_DIR, agentSkillsDir, agentsById } from "./agents.js";
import type { ArchiveLimits } from "./archive.js";
import type { SourceNetwork } from "./network.js";
import { copyLimits, copyTree, linksTo, relink, siblingPath, swapIn } from "./_fsx.js";
import {
  LOCK_FILE,
  hashSkillFolder,
  isSkillFolderName,
  keepShape,
  orderedEntry,
  readLockfile,
  writeLockfile,
  type LockEntry,
} from "./lockfile.js";
import { isRefusal, vet, type Vetted } from "./_install-vet.js";
import { holdingAgents, installedCopy, modifiedLocally } from "./_local-copy.js";
import { leftOut, pickNamed, selectUnasked, sourceFacts, type LeftOutCode } from "./_select.js";
import type { ScanReport } from "./scan.js";
import { SourceError, fetchSource, parseSource, type FetchedSource } from "./source.js";
import { isEntryNote, perEntry, unsupportedEntry } from "./_lock-sources.js";
import { linkOutside } from "./_contained.js";

/** Where skills are installed: a project root, or the user's home (`global`). */
export interface InstallScope {
  root: string;
  global: boolean;
}

/** The canonical skills folder and the lockfile of a scope. */
export function scopePaths(scope: InstallScope): { skills: string; lockfile: string } {
  return {
    skills: path.join(scope.root, CANONICAL_DIR),
    lockfile: scope.global
      ? path.join(scope.root, ".agents", LOCK_FILE)
      : path.join(scope.root, LOCK_FILE),
  };
}

/** Why a skill was not installed or updated. */
export type RefusalCode =
  | "INVALID_SKILL"
  | "RISKY"
  | "NAME_CLASH"
  | "LINK_CLASH"
  | "NOT_FOUND"
  | "MODIFIED_LOCALLY"
  | "UP_TO_DATE"
  | "REMOVED_UPSTREAM"
  | "HASH_MISMATCH"
  | "SOURCE_FAILED"
  | "UNSUPPORTED_SOURCE"
  | LeftOutCode;

/** A skill that was not installed, and why. */
export interface Refusal {
  name: string;
  code: RefusalCode;
  reason: string;
  /** SOURCE_FAILED: the source error's own code (PRIVATE_NETWORK, NOT_FOUND, FETCH_FAILED, …). */
  cause?: string;
}

/** Where an agent sees an installed skill. */
export interface AgentLink {
  agent: string;
  path: string;
  /**
   * `canonical`: the agent reads the canonical folder itself; `copy`: copied (`--copy`, or a symlink
   * could not be made); `clash`: the folder holds another skill and was left alone (`note` says why).
   */
  kind: "symlink" | "copy" | "canonical" | "clash";
  note?: string;
}

/** A skill that was installed. */
export interface Installed {
  name: string;
  dir: string;
  entry: LockEntry;
  scan: ScanReport;
  links: AgentLink[];
  /** It replaced an earlier install of the same name. */
  replaced: boolean;
}

/** Options shared by the install operations. */
export interface InstallOptions {
  cwd: string;
  scope: InstallScope;
  /** Agents to link the skill into (ids from `AGENTS`). */
  agents?: readonly string[];
  /** Install every skill of a source that holds several. */
  all?: boolean;
  /** Install these skills of the source, by name (`skills`' `-s`); `*` is every skill. */
  skills?: readonly string[];
  /** Copy into agents' folders instead of linking (`--copy`). */
  copy?: boolean;
  /** Install under another name (one skill only). */
  name?: string;
  /** Replace a different skill of the same name, or a folder an agent already has. */
  force?: boolean;
  /** Accept a medium or high risk report. */
  yes?: boolean;
  /**
   * Asked about a medium or high risk report when `yes` is not set (after `onScan` showed it);
   * true installs. Without it, such a skill is refused (RISKY).
   */
  confirm?: (name: string, report: ScanReport) => Promise<boolean>;
  limits?: Partial<ArchiveLimits>;
  env?: Record<string, string | undefined>;
  /**
   * Which networks sources may reach; by default public addresses only. `add` may also reach the
   * host of the source it was given (the caller's say-so); lockfile sources may not.
   */
  network?: SourceNetwork;
  /** Sees each risk report before the decision. */
  onScan?: (name: string, report: ScanReport) => void;
  /** Called after staging, before anything in place changes (tests simulate an interruption). */
  beforeCommit?: (name: string) => void | Promise<void>;
  /** Makes a symlink; tests replace it to simulate a file system without symlinks. */
  link?: (target: string, link: string) => Promise<void>;
}

/** Thrown when an operation cannot start (unknown agent, broken lockfile, bad selection). */
export class InstallError extends Error {
  override readonly name = "InstallError";
  constructor(
    readonly code:
      "SELECTION" | "UNKNOWN_AGENT" | "NOT_INSTALLED" | "HASH_MISMATCH" | "OUTSIDE_PROJECT",
    message: string,
  ) {
    super(message);
  }
}

/** Where a fetched tree's skills are looked for: its root, or the folder a tree URL names. */
const searchRoot = (fetched: FetchedSource) =>
  fetched.spec.subpath === undefined ? fetched.root : path.join(fetched.root, fetched.spec.subpath);

/** The skills of a fetched tree (`.git` and `node_modules` skipped). */
function skillsOf(fetched: FetchedSource): DiscoveredSkill[] {
  return discoverSkills({ sources: [{ scope: "team", root: searchRoot(fetched) }] }).skills;
}

/** Each SKILL.md of a fetched tree that discovery skipped (unreadable, too large, no description). */
function skippedIn(fetched: FetchedSource): Refusal[] {
  const found = discoverSkills({ sources: [{ scope: "team", root: searchRoot(fetched) }] });
  return found.diagnostics
    .filter((d) => d.code === "SKILL_SKIPPED")
    .map((d) => ({
      name: path.basename(path.dirname(d.file)),
      code: "INVALID_SKILL",
      reason: `${path.relative(fetched.root, d.file)}: ${d.message}`,
    }));
}

/**
 * The skills `add` installs: the one asked for by name (whatever the rules below say), or those
 * a selection may take unasked (`selectUnasked`), with the ones it left out.
 */
async function select(
  fetched: FetchedSource,
  options: InstallOptions,
): Promise<{ chosen: DiscoveredSkill[]; skipped: Refusal[] }> {
  const skills = skillsOf(fetched);
  const facts = await sourceFacts(fetched, options.env);
  const names = skills.map((s) => s.name).join(", ");
  const skipped = () =>
    skippedIn(fetched)
      .map((r) => `; ${r.reason}`)
      .join("");
  if (fetched.spec.skill !== undefined) {
    const found = pickNamed(
      skills.filter((s) => s.name === fetched.spec.skill),
      fetched,
      facts,
    );
    if (found === undefined)
      throw new InstallError(
        "SELECTION",
        `${fetched.spec.source}: no skill "${fetched.spec.skill}" (found: ${names || "none"})${skipped()}`,
      );
    return { chosen: [found], skipped: [] };
  }
  if (options.skills !== undefined && options.skills.length > 0 && !options.skills.includes("*"))
    return {
      chosen: selectNamed(skills, options.skills, fetched.spec.source, names, (group) =>
        pickNamed(group, fetched, facts),
      ),
      skipped: [],
    };
  const { chosen, skipped: left } = selectUnasked(skills, fetched, facts);
  const leftNote = left.map((r) => `; left out ${r.name} (${r.code}) ${r.reason}`).join("");
  if (chosen.length === 0)
    throw new InstallError(
      "SELECTION",
      `${fetched.spec.source}: no skill found (no SKILL.md with a description)${skipped()}${leftNote}`,
    );
  if (chosen.length > 1 && options.all !== true && options.skills?.includes("*") !== true)
    throw new InstallError(
      "SELECTION",
      `${fetched.spec.source} holds ${chosen.length} skills (${chosen.map((s) => s.name).join(", ")}): pick one with @<name> or pass --all`,
    );
  if (options.name !== undefined && chosen.length > 1)
    throw new InstallError("SELECTION", "--name renames one skill; pick it with @<name>");
  return { chosen, skipped: left };
}

/**
 * The skills picked by `-s <name...>` (case-insensitively, as `skills` does); every name must
 * match. Asked for by name, a skill is taken whatever the unasked rules say; of several with one
 * name, `pick` chooses as for `@name`.
 */
function selectNamed(
  skills: DiscoveredSkill[],
  wanted: readonly string[],
  source: string,
  names: string,
  pick: (group: DiscoveredSkill[]) => DiscoveredSkill | undefined,
): DiscoveredSkill[] {
  const chosen: DiscoveredSkill[] = [];
  const missing: string[] = [];
  for (const name of new Set(wanted.map((w) => w.toLowerCase()))) {
    const found = pick(skills.filter((s) => s.name.toLowerCase() === name));
    if (found === undefined) missing.push(name);
    else if (!chosen.includes(found)) chosen.push(found);
  }
  if (missing.length > 0)
    throw new InstallError(
      "SELECTION",
      `${source}: no skill ${missing.map((m) => `"${m}"`).join(", ")} (found: ${names || "none"})`,
    );
  return chosen;
}

/** Rewrites the frontmatter `name` of a staged copy (installing under another name). */
async function rename(dir: string, name: string): Promise<void> {
  const file = path.join(dir, "SKILL.md");
  const text = await readSkillFile(file);
  await writeFile(file, text.replace(/^(---\r?\n(?:.*\r?\n)*?)name:[^\r\n]*/, `$1name: ${name}`));
}

/** The upstream hash a lock entry would get from `skill`, with the install's rename applied. */
async function upstreamHash(skill: DiscoveredSkill, name: string): Promise<string> {
  if (skill.name === name) return hashSkillFolder(skill.dir);
  const staged = siblingPath(path.join(path.dirname(skill.dir), `${name}-hash`), "tmp");
  try {
    await copyTree(skill.dir, staged);
    await rename(staged, name);
    return await hashSkillFolder(staged);
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

async function linkAgents(
  name: string,
  dir: string,
  options: InstallOptions,
  previousHash: string | undefined,
): Promise<{ links: AgentLink[]; clashes: AgentLink[] }> {
  const links: AgentLink[] = [];
  const clashes: AgentLink[] = [];
  const makeLink = options.link ?? relink;
  // Agents that share a folder (trae and trae-cn, qoder and qoder-cn) read what the first placed.
  const placed = new Map<string, AgentLink>();
  for (const agent of agentsById(options.agents ?? [])) {
    const agentDir = agentSkillsDir(agent, options.scope, options.env);
    if (agentDir === undefined) continue; // no user folder (checked up front for named agents)
    const at = path.join(agentDir, name);
    const shared = placed.get(path.resolve(at));
    if (shared !== undefined) {
      (shared.kind === "clash" ? clashes : links).push({ ...shared, agent: agent.id });
      continue;
    }
    const link = await linkOne(agent.id, { dir, at, agentDir }, options, previousHash, makeLink);
    placed.set(path.resolve(at), link);
    (link.kind === "clash" ? clashes : links).push(link);
  }
  return { links, clashes };
}

/** Places one agent's link (or copy) to the canonical folder `dir` at `at`. */
async function linkOne(
  agent: string,
  where: { dir: string; at: string; agentDir: string },
  options: InstallOptions,
  previousHash: string | undefined,
  makeLink: NonNullable<InstallOptions["link"]>,
): Promise<AgentLink> {
  const { dir, at, agentDir } = where;
  if (path.resolve(agentDir) === path.resolve(path.dirname(dir)))
    return { agent, path: dir, kind: "canonical" };
  const existing = await lstat(at).catch(() => undefined);
  const ours =
    existing &&
    ((await linksTo(at, dir)) ||
      (existing.isDirectory() &&
        previousHash !== undefined &&
        (await hashSkillFolder(at)) === previousHash));
  if (existing && !ours && options.force !== true)
    return {
      agent,
      path: at,
      kind: "clash",
      note: "it already holds another skill; pass --force to replace it",
    };
  await mkdir(agentDir, { recursive: true });
  if (existing) await rm(at, { recursive: true, force: true });
  if (options.copy === true) {
    await copyTree(dir, at);
    return { agent, path: at, kind: "copy", note: "--copy" };
  }
  try {
    await makeLink(dir, at);
    return { agent, path: at, kind: "symlink" };
  } catch (error) {
    await copyTree(dir, at);
    return {
      agent,
      path: at,
      kind: "copy",
      note: `symlink failed (${(error as Error).message}); copied instead`,
    };
  }
}

/**
 * A project install writes only inside the project: the skills folder and each agent's folder must
 * not lead elsewhere through a link (a cloned repository chose them). User installs (-g) may: a
 * dotfiles manager links `~/.claude` on purpose.
 */
async function checkContained(
  options: Pick<InstallOptions, "scope" | "env" | "agents">,
): Promise<void> {
  if (options.scope.global) return;
  const folders = [scopePaths(options.scope).skills];
  for (const agent of agentsById(options.agents ?? [])) {
    const dir = agentSkillsDir(agent, options.scope, options.env);
    if (dir !== undefined) folders.push(dir);
  }
  for (const folder of folders) {
    const outside = await linkOutside(folder, options.scope.root);
    if (outside !== undefined)
      throw new InstallError(
        "OUTSIDE_PROJECT",
        `${outside.link} leads outside the project (to ${outside.target}): skillflow does not install through it; remove the link (or install for yourself with -g)`,
      );
  }
}

/** Places a vetted skill: staged copy, hash check, swap, agent links, lock entry. */
async function place(
  vetted: Vetted,
  fetched: FetchedSource,
  options: InstallOptions,
  expectedHash?: string,
): Promise<Installed | Refusal> {
  const { name, skill, scan } = vetted;
  await checkContained(options);
  const paths = scopePaths(options.scope);
  const lock = await readLockfile(paths.lockfile);
  const target = path.join(paths.skills, name);
  const previous = lock.skills[name];
  const source = fetched.spec.lockSource ?? fetched.spec.source;
  const sameSource = previous !== undefined && previous.source === source;
  const occupied = await lstat(target).then(
    () => true,
    () => false,
  );
  if (occupied && !sameSource && options.force !== true)
    return {
      name,
      code: "NAME_CLASH",
      reason: previous
        ? `"${name}" is already installed from ${previous.source}; install under another name (--name) or pass --force`
        : `${target} already exists and was not installed from a lockfile; install under another name (--name) or pass --force`,
    };
  await mkdir(paths.skills, { recursive: true });
  const staged = siblingPath(target, "partial");
  try {
    await copyTree(skill.dir, staged, copyLimits(options.limits));
    // The same rule as `upstreamHash`: only a new name is written (a rewrite that keeps the name
    // would change the hash of a quoted `name:` line, and check would report a change forever).
    if (name !== skill.name) await rename(staged, name);
    const computedHash = await hashSkillFolder(staged);
    if (expectedHash !== undefined && computedHash !== expectedHash)
      return {
        name,
        code: "HASH_MISMATCH",
        reason: `content hash ${computedHash} differs from the lockfile's ${expectedHash}`,
      };
    await options.beforeCommit?.(name);
    await swapIn(staged, target);
    const built: LockEntry = {
      source,
      sourceType: fetched.spec.type,
      skillPath: path.relative(fetched.root, skill.file).split(path.sep).join("/"),
      computedHash,
    };
    // `skills` records no sourceUrl for GitHub (the shorthand is the source).
    if (fetched.spec.type !== "github") built.sourceUrl = fetched.sourceUrl;
    if (fetched.spec.ref !== undefined) built.ref = fetched.spec.ref;
    if (fetched.commit !== undefined) built.commit = fetched.commit;
    const entry =
      previous !== undefined && sameSource
        ? keepShape(previous, orderedEntry(built))
        : orderedEntry(built);
    const { links, clashes } = await linkAgents(name, target, options, previous?.computedHash);
    const fresh = await readLockfile(paths.lockfile);
    fresh.skills[name] = entry;
    await writeLockfile(paths.lockfile, fresh);
    links.push(...clashes);
    return { name, dir: target, entry, scan, links, replaced: occupied };
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

/** Result of add, install and update: what landed and what did not, with reasons. */
export interface InstallResult {
  installed: Installed[];
  refused: Refusal[];
  /** Skills `add` left out unasked (warnings, not failures): ask for one by name to install it. */
  skipped?: Refusal[];
  /** Lock entries left alone without failing (UNSUPPORTED_SOURCE: `node_modules` entries). */
  warnings?: Refusal[];
}

/** Vets one skill, then places it; a refusal when it must not land. */
async function installOne(
  skill: DiscoveredSkill,
  fetched: FetchedSource,
  options: InstallOptions,
): Promise<Installed | Refusal> {
  const vetted = await vet(skill, fetched, options);
  return isRefusal(vetted) ? vetted : place(vetted, fetched, options);
}

/**
 * The agents to link on install and update: those asked for, and those whose folder already shows
 * the skill (a link, or an unedited copy `skills -a <agent>` made; with --force, also the edited
 * copy that stood for the install), so no agent keeps a stale copy.
 */
async function withHolders(
  options: InstallOptions,
  name: string,
  entry: LockEntry,
  upstreamDir: string,
): Promise<string[]> {
  const holders = await holdingAgents(options.scope, name, entry, upstreamDir, options.env);
  // With --force an edited copy in an agent's folder is overwritten too, not left stale beside it.
  const copy =
    options.force === true ? await installedCopy(options.scope, name, options.env) : undefined;
  const owner = AGENTS.find((a) => {
    const dir = agentSkillsDir(a, options.scope, options.env);
    return dir !== undefined && path.join(dir, name) === copy;
  });
  if (owner !== undefined) holders.push(owner.id);
  return [...new Set([...(options.agents ?? []), ...holders])];
}

/** Checks the agent ids up front, so nothing is fetched for a call that cannot complete. */
function checkAgents(options: InstallOptions): void {
  try {
    agentsById(options.agents ?? []);
  } catch (error) {
    throw new InstallError("UNKNOWN_AGENT", (error as Error).message);
  }
  const homeless = (options.agents ?? []).filter(
    (id) => options.scope.global && AGENTS.find((a) => a.id === id)?.userDir === undefined,
  );
  if (homeless.length > 0)
    throw new InstallError(
      "UNKNOWN_AGENT",
      `${homeless.join(", ")} has no user-level skills folder: install into a project (without -g)`,
    );
}

/** `skillflow skills add <source>`: fetch, select, validate, scan, install, link, lock. */
export async function addSkills(source: string, options: InstallOptions): Promise<InstallResult> {
  checkAgents(options);
  const fetched = await fetchSource(await parseSource(source, options.cwd, options.env), {
    cwd: options.cwd,
    typed: true,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.network ? { network: options.network } : {}),
  });
  try {
    const result: InstallResult = { installed: [], refused: [] };
    // A skill the source holds but that could not be read is named, never silently left out.
    if (fetched.spec.skill === undefined) result.refused.push(...skippedIn(fetched));
    const { chosen, skipped } = await select(fetched, options);
    if (skipped.length > 0) result.skipped = skipped;
    for (const skill of chosen) {
      const outcome = await installOne(skill, fetched, options);
      if (isRefusal(outcome)) result.refused.push(outcome);
      else result.installed.push(outcome);
    }
    return result;
  } finally {
    await fetched.cleanup();
  }
}

/**
 * One lock entry's source, fetched (at its recorded commit when `frozen`); never `typed`. The pin
 * `skills` keeps in `ref` (its `source` has no `#ref`) is honoured.
 */
async function fetchEntry(
  entry: LockEntry,
  options: InstallOptions,
  frozen: boolean,
): Promise<FetchedSource> {
  const spec = await parseSource(entry.source, options.cwd, options.env);
  if (spec.ref === undefined && entry.ref !== undefined) {
    // Someone else's file: a ref git could read as an option is refused, as in a source.
    if (entry.ref.startsWith("-"))
      throw new SourceError(
        "INVALID_SOURCE",
        `${entry.source}: the ref "${entry.ref}" looks like a command-line option; name a branch, tag or commit`,
      );
    spec.ref = entry.ref;
  }
  return fetchSource(spec, {
    cwd: options.cwd,
    ...(frozen && entry.commit !== undefined ? { commit: entry.commit } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.network ? { network: options.network } : {}),
  });
}

function findInTree(
  fetched: FetchedSource,
  entry: LockEntry,
  name: string,
): DiscoveredSkill | undefined {
  const skills = skillsOf(fetched);
  const byPath =
    entry.skillPath === undefined
      ? undefined
      : skills.find(
          (s) => path.relative(fetched.root, s.file).split(path.sep).join("/") === entry.skillPath,
        );
  return byPath ?? skills.find((s) => s.name === name);
}

/**
 * `skillflow skills install [--frozen]`: restores every skill of the lockfile. Frozen, each fetched
 * skill must hash exactly as locked, and nothing is installed unless all do.
 */
export async function installFromLock(
  options: InstallOptions & { frozen?: boolean },
): Promise<InstallResult> {
  checkAgents(options);
  const paths = scopePaths(options.scope);
  const lock = await readLockfile(paths.lockfile);
  const result: InstallResult = { installed: [], refused: [] };
  const fetched: {
    name: string;
    entry: LockEntry;
    source: FetchedSource;
    skill: DiscoveredSkill;
  }[] = [];
  const modified: Refusal[] = [];
  try {
    for (const [name, entry] of Object.entries(lock.skills)) {
      const unsupported = unsupportedEntry(name, entry);
      if (unsupported !== undefined) {
        (result.warnings ??= []).push(unsupported);
        continue;
      }
      // One source that fails is that entry's refusal; the others are still restored.
      const source = await perEntry(name, entry, () =>
        fetchEntry(entry, options, options.frozen === true),
      );
      if (isEntryNote(source)) {
        result.refused.push(source);
        continue;
      }
      const skill = findInTree(source, entry, name);
      if (!skill) {
        await source.cleanup();
        result.refused.push({
          name,
          code: "REMOVED_UPSTREAM",
          reason: `${entry.source} no longer has ${entry.skillPath ?? name}`,
        });
        continue;
      }
      fetched.push({ name, entry, source, skill });
      const copy = await installedCopy(options.scope, name, options.env);
      if (options.force !== true && (await modifiedLocally(copy, entry, skill.dir)))
        modified.push({
          name,
          code: "MODIFIED_LOCALLY",
          reason: `${copy} was edited since it was installed; pass --force to overwrite it (or keep the edit and leave it out of the lockfile: skills remove, then copy it back)`,
        });
      if (options.frozen === true) {
        const hash = await upstreamHash(skill, name);
        if (hash !== entry.computedHash)
          result.refused.push({
            name,
            code: "HASH_MISMATCH",
            reason: `${entry.source}: content hash ${hash} differs from the lockfile's ${entry.computedHash}`,
          });
      }
    }
    // An edited copy stops the whole restore before anything is written: every one is named.
    if (modified.length > 0) {
      result.refused.push(...modified);
      return result;
    }
    if (options.frozen === true && result.refused.length > 0) return result;
    // Someone else's lockfile: every skill passes the same validation, scan and risk gate as
    // `add` before any lands (frozen: all or nothing).
    const ready: { entry: LockEntry; source: FetchedSource; vetted: Vetted }[] = [];
    for (const { name, entry, source, skill } of fetched) {
      const vetted = await vet(skill, source, { ...options, name });
      if (isRefusal(vetted)) result.refused.push(vetted);
      else ready.push({ entry, source, vetted });
    }
    if (options.frozen === true && result.refused.length > 0) return result;
    for (const { entry, source, vetted } of ready) {
      const agents = await withHolders(options, vetted.name, entry, vetted.skill.dir);
      const outcome = await place(
        vetted,
        source,
        { ...options, name: vetted.name, force: true, agents },
        options.frozen === true ? entry.computedHash : undefined,
      );
      if (isRefusal(outcome)) result.refused.push(outcome);
      else result.installed.push(outcome);
    }
    return result;
  } finally {
    for (const f of fetched) await f.source.cleanup();
  }
}

/**
 * What `check` says of one skill; `failed`: its source could not be fetched, `skipped`: an entry
 * skillflow leaves to the `skills` CLI (`node_modules`).
 */
export type CheckStatus =
  "up-to-date" | "changed-upstream" | "removed-upstream" | "new-upstream" | "failed" | "skipped";

/** One line of `check`. */
export interface CheckLine {
  name: string;
  status: CheckStatus;
  source: string;
  /** The installed copy differs from its lock entry (edited by hand). */
  modifiedLocally?: boolean;
  upstreamHash?: string;
  /** Why the line is `failed` or `skipped`. */
  reason?: string;
  /** `failed`: the source error's own code (PRIVATE_NETWORK, NOT_FOUND, …). */
  cause?: string;
}

/** `skillflow skills check`: read-only; fetches each source once and compares hashes. */
export async function checkSkills(options: InstallOptions): Promise<CheckLine[]> {
  const paths = scopePaths(options.scope);
  const lock = await readLockfile(paths.lockfile);
  const bySource = new Map<string, [string, LockEntry][]>();
  const lines: CheckLine[] = [];
  for (const [name, entry] of Object.entries(lock.skills)) {
    const unsupported = unsupportedEntry(name, entry);
    if (unsupported !== undefined) {
      lines.push({ name, source: entry.source, status: "skipped", reason: unsupported.reason });
      continue;
    }
    // A pin (`ref`) is part of the source: the same repository at two refs is two sources.
    const key = JSON.stringify([entry.source, entry.ref ?? null]);
    bySource.set(key, [...(bySource.get(key) ?? []), [name, entry]]);
  }
  for (const entries of bySource.values()) {
    const [name0, entry0] = entries[0]!;
    const source = entry0.source;
    const fetched = await perEntry(name0, entry0, () => fetchEntry(entry0, options, false));
    if (isEntryNote(fetched)) {
      for (const [name] of entries)
        lines.push({
          name,
          source,
          status: "failed",
          reason: fetched.reason,
          ...(fetched.cause !== undefined ? { cause: fetched.cause } : {}),
        });
      continue;
    }
    try {
      const facts = await sourceFacts(fetched, options.env);
      const seen = new Set<string>();
      for (const [name, entry] of entries) {
        const skill = findInTree(fetched, entry, name);
        const copy = await installedCopy(options.scope, name, options.env);
        const line: CheckLine = { name, source, status: "removed-upstream" };
        if (await modifiedLocally(copy, entry, skill?.dir)) line.modifiedLocally = true;
        if (skill) {
          seen.add(skill.file);
          line.upstreamHash = await upstreamHash(skill, name);
          line.status =
            line.upstreamHash === entry.computedHash ? "up-to-date" : "changed-upstream";
        }
        lines.push(line);
      }
      // A source pinned to one skill (@name) says nothing about its other skills.
      if (fetched.spec.skill === undefined)
        for (const skill of skillsOf(fetched))
          if (
            !seen.has(skill.file) &&
            !(skill.name in lock.skills) &&
            leftOut(skill, fetched, facts) === undefined
          )
            lines.push({ name: skill.name, source, status: "new-upstream" });
    } finally {
      await fetched.cleanup();
    }
  }
  return lines.sort((a, b) => a.name.localeCompare(b.name));
}

/** `skillflow skills update [names]`: applies upstream changes; every skipped skill says why. */
export async function updateSkills(
  names: readonly string[],
  options: InstallOptions,
): Promise<InstallResult> {
  checkAgents(options);
  const paths = scopePaths(options.scope);
  const lock = await readLockfile(paths.lockfile);
  const result: InstallResult = { installed: [], refused: [] };
  for (const name of names)
    if (!(name in lock.skills))
      result.refused.push({ name, code: "NOT_FOUND", reason: "not in the lockfile" });
  const lines = (await checkSkills(options)).filter(
    (l) => l.status !== "new-upstream" && (names.length === 0 || names.includes(l.name)),
  );
  for (const line of lines) {
    const entry = lock.skills[line.name]!;
    if (line.status === "skipped")
      (result.warnings ??= []).push({
        name: line.name,
        code: "UNSUPPORTED_SOURCE",
        reason: line.reason ?? "",
      });
    else if (line.status === "failed")
      result.refused.push({
        name: line.name,
        code: "SOURCE_FAILED",
        reason: line.reason ?? "",
        ...(line.cause !== undefined ? { cause: line.cause } : {}),
      });
    else if (line.status === "up-to-date")
      result.refused.push({
        name: line.name,
        code: "UP_TO_DATE",
        reason: line.modifiedLocally
          ? "up to date upstream (the installed copy was edited locally)"
          : "up to date",
      });
    else if (line.status === "removed-upstream")
      result.refused.push({
        name: line.name,
        code: "REMOVED_UPSTREAM",
        reason: `${entry.source} no longer has it; remove it or keep the installed copy`,
      });
    else if (line.modifiedLocally && options.force !== true)
      result.refused.push({
        name: line.name,
        code: "MODIFIED_LOCALLY",
        reason: "the installed copy was edited; pass --force to overwrite it",
      });
    else {
      const fetched = await perEntry(line.name, entry, () => fetchEntry(entry, options, false));
      if (isEntryNote(fetched)) {
        result.refused.push(fetched);
        continue;
      }
      try {
        const skill = findInTree(fetched, entry, line.name)!;
        const outcome = await installOne(skill, fetched, {
          ...options,
          name: line.name,
          force: true,
          agents: await withHolders(options, line.name, entry, skill.dir),
        });
        if (isRefusal(outcome)) result.refused.push(outcome);
        else result.installed.push(outcome);
      } finally {
        await fetched.cleanup();
      }
    }
  }
  return result;
}

/** `skillflow skills remove <name>`: the canonical copy, the agents' links (and copies), the lock entry. */
export async function removeSkill(
  name: string,
  options: Pick<InstallOptions, "scope" | "env">,
): Promise<{ removed: string[] }> {
  const paths = scopePaths(options.scope);
  const lock = await readLockfile(paths.lockfile);
  // Only a folder name recorded in the lockfile is ever removed, and only inside the skills folder.
  const entry =
    isSkillFolderName(name) && Object.hasOwn(lock.skills, name) ? lock.skills[name] : undefined;
  const target = path.join(paths.skills, name);
  if (!entry) throw new InstallError("NOT_INSTALLED", `"${name}" is not in ${paths.lockfile}`);
  // Nothing is removed through a link leading outside the project (the same rule as installs).
  await checkContained({ scope: options.scope });
  const removed: string[] = [];
  for (const agent of AGENTS) {
    const agentDir = agentSkillsDir(agent, options.scope, options.env);
    if (agentDir === undefined) continue;
    if (!options.scope.global && (await linkOutside(agentDir, options.scope.root)) !== undefined)
      continue;
    const at = path.join(agentDir, name);
    if (path.resolve(at) === path.resolve(target)) continue;
    const info = await lstat(at).catch(() => undefined);
    if (!info) continue;
    const ours =
      (await linksTo(at, target)) ||
      (info.isDirectory() && (await hashSkillFolder(at)) === entry.computedHash);
    if (ours && !removed.includes(at)) {
      await rm(at, { recursive: true, force: true });
      removed.push(at);
    }
  }
  await rm(target, { recursive: true, force: true });
  removed.unshift(target);
  delete lock.skills[name];
  await writeLockfile(paths.lockfile, lock);
  return { removed };
}
