// A locked skill's installed copy: where it is (ours or `skills`'), and whether it was edited.
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { AGENTS, CANONICAL_DIR, agentSkillsDir, type AgentEnv } from "./agents.js";
import { hashSkillFolder, type LockEntry } from "./lockfile.js";

/** The scope of an install: a project root, or the user's home (`global`). */
type Scope = { root: string; global: boolean };

const isFolder = (at: string) =>
  stat(at).then(
    (s) => s.isDirectory(),
    () => false,
  );

/**
 * The installed copy of `name`: the canonical folder, else the first agent folder that holds it
 * (`skills -a claude-code` copies straight into `.claude/skills/<name>`, with no canonical copy).
 */
export async function installedCopy(
  scope: Scope,
  name: string,
  env: AgentEnv = {},
): Promise<string | undefined> {
  const canonical = path.join(scope.root, CANONICAL_DIR, name);
  if (await isFolder(canonical)) return canonical;
  for (const agent of AGENTS) {
    const dir = agentSkillsDir(agent, scope, env);
    if (dir === undefined) continue;
    const at = path.join(dir, name);
    if (await isFolder(at)) return at;
  }
  return undefined;
}

/**
 * Whether the installed copy differs from what its lock entry recorded. No copy has nothing to
 * lose. `skills` hashes the source but copies it without `metadata.json`, `__pycache__` and the
 * like (`COPY_EXCLUDED`), so a copy it made that matches the upstream but for those files is
 * unedited; so is one that already equals the upstream. (When the upstream has moved on and has
 * such files, a copy `skills` made cannot be told from an edited one: it counts as edited.)
 */
export async function modifiedLocally(
  copy: string | undefined,
  entry: LockEntry,
  upstreamDir?: string,
): Promise<boolean> {
  if (copy === undefined) return false;
  const hash = await hashSkillFolder(copy).catch(() => undefined);
  if (hash === entry.computedHash) return false;
  if (upstreamDir === undefined || hash === undefined) return true;
  const [mine, theirs] = await Promise.all([
    hashSkillFolder(copy, { asCopied: true }),
    hashSkillFolder(upstreamDir, { asCopied: true }),
  ]);
  return mine !== theirs;
}

/**
 * Agents whose folder shows `name` besides the canonical copy and may be refreshed with it: a
 * link into the canonical folder, or an unedited copy (`skills -a <agent>` makes those). A
 * different skill of the same name, or an edited one, is never listed.
 */
export async function holdingAgents(
  scope: Scope,
  name: string,
  entry: LockEntry,
  upstreamDir?: string,
  env: AgentEnv = {},
): Promise<string[]> {
  const canonicalDir = path.resolve(scope.root, CANONICAL_DIR);
  const canonical = await realpath(path.join(canonicalDir, name)).catch(() => undefined);
  const ids: string[] = [];
  for (const agent of AGENTS) {
    const dir = agentSkillsDir(agent, scope, env);
    if (dir === undefined || path.resolve(dir) === canonicalDir) continue;
    const at = path.join(dir, name);
    const info = await lstat(at).catch(() => undefined);
    if (info === undefined) continue;
    const target = await realpath(at).catch(() => undefined);
    const linked = info.isSymbolicLink() && canonical !== undefined && target === canonical;
    const copy =
      info.isDirectory() && !(await modifiedLocally(at, entry, upstreamDir).catch(() => true));
    if (linked || copy) ids.push(agent.id);
  }
  return ids;
}
