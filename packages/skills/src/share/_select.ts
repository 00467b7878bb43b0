// Which skills of a fetched source `add` takes: the one asked for by name, or all it may take unasked.
import path from "node:path";
import type { DiscoveredSkill } from "../discover/discover.js";
import { readSkillFile } from "../read-file.js";
import { AGENTS, CANONICAL_DIR } from "./agents.js";
import type { Refusal } from "./install.js";
import type { FetchedSource } from "./source.js";

/** Why a skill is left out unless asked for by name (`@name`, `--skill`). */
export type LeftOutCode =
  "NAME_MISMATCH" | "DUPLICATE_NAME" | "EXAMPLE" | "INTERNAL" | "INSTALLED_COPY";

/** What a source says about itself that selection needs: the skills its own lockfile installed. */
export interface SourceFacts {
  /** Names in the source's own `skills-lock.json`, normalised as `skills` does. */
  installed: Set<string>;
  /** `INSTALL_INTERNAL_SKILLS=1` (or `true`): internal skills are taken unasked, as in `skills`. */
  internal: boolean;
}

/** `skills`' name normalisation for comparing lock names with folders. */
const normalise = (name: string) => name.toLowerCase().replace(/[\s_]+/g, "-");

/** The largest source lockfile read (it only names skills to leave out). */
const MAX_SOURCE_LOCK_BYTES = 4 * 1024 * 1024;

/** Reads what selection needs from a fetched source (a broken lockfile there names nothing). */
export async function sourceFacts(
  fetched: FetchedSource,
  env: Record<string, string | undefined> = {},
): Promise<SourceFacts> {
  const installed = new Set<string>();
  try {
    const text = await readSkillFile(path.join(fetched.root, "skills-lock.json"), {
      maxBytes: MAX_SOURCE_LOCK_BYTES,
    });
    const skills = (JSON.parse(text) as { skills?: unknown }).skills;
    if (typeof skills === "object" && skills !== null && !Array.isArray(skills))
      for (const name of Object.keys(skills)) installed.add(normalise(name));
  } catch {
    // No lockfile (the usual case), or one that cannot be read: it only ever narrows selection.
  }
  const flag = env.INSTALL_INTERNAL_SKILLS;
  return { installed, internal: flag === "1" || flag === "true" };
}

/** The folders agents read in a project, where a source keeps skills it installed itself. */
const agentFolders = () => [CANONICAL_DIR, ...AGENTS.map((a) => a.projectDir)];

/**
 * Why `skill` is left out of a selection that did not name it, or undefined. `skills` rules: a
 * skill marked `metadata.internal: true`, one under an `examples/` folder, and one the source
 * installed itself (in an agent's folder, named in its own lockfile). skillflow adds: a skill whose
 * folder and name disagree (a `bird-co` declaring `name: bird` must not replace `bird`), and a
 * second skill of a name already taken.
 */
export function leftOut(
  skill: DiscoveredSkill,
  fetched: FetchedSource,
  facts: SourceFacts,
): Refusal | undefined {
  const rel = path.relative(fetched.root, skill.dir).split(path.sep).join("/");
  const folder = path.basename(skill.dir);
  const metadata = skill.frontmatter.metadata;
  const refusal = (code: LeftOutCode, why: string): Refusal => ({
    name: skill.name,
    code,
    reason: `${rel || "."}: ${why}; ask for it by name (<source>@${skill.name}) to install it`,
  });
  if (metadata !== undefined && Object.hasOwn(metadata, "internal") && metadata.internal === "true")
    if (!facts.internal) return refusal("INTERNAL", "marked internal (metadata.internal: true)");
  if (rel.split("/").slice(0, -1).includes("examples"))
    return refusal("EXAMPLE", "inside an examples/ folder");
  const inAgentFolder = agentFolders().some((dir) => rel === dir || rel.startsWith(`${dir}/`));
  if (
    inAgentFolder &&
    (facts.installed.has(normalise(skill.name)) || facts.installed.has(normalise(folder)))
  )
    return refusal(
      "INSTALLED_COPY",
      "a skill the source installed for itself (its skills-lock.json)",
    );
  // The source's root skill has no folder name of its own (a checkout, an archive).
  if (rel !== "" && folder !== skill.name)
    return refusal(
      "NAME_MISMATCH",
      `the folder "${folder}" declares the name "${skill.name}" (folder and name must agree)`,
    );
  return undefined;
}

/**
 * The skills a selection that names none takes, and those it leaves out (with reasons): the rules
 * of `leftOut`, then the first of each name (in discovery order) among the rest.
 */
export function selectUnasked(
  skills: readonly DiscoveredSkill[],
  fetched: FetchedSource,
  facts: SourceFacts,
): { chosen: DiscoveredSkill[]; skipped: Refusal[] } {
  const chosen = new Map<string, DiscoveredSkill>();
  const skipped: Refusal[] = [];
  for (const skill of skills) {
    const first = chosen.get(skill.name);
    const why = leftOut(skill, fetched, facts);
    if (why !== undefined) skipped.push(why);
    else if (first !== undefined)
      skipped.push({
        name: skill.name,
        code: "DUPLICATE_NAME",
        reason: `${path.relative(fetched.root, skill.file)}: ${path.relative(fetched.root, first.file)} has the same name and comes first; ask for a skill by name to choose`,
      });
    else chosen.set(skill.name, skill);
  }
  return { chosen: [...chosen.values()], skipped };
}

/**
 * The skill asked for by name among `candidates` (all of that name): one the rules would take
 * unasked first, then one whose folder bears the name, then discovery order.
 */
export function pickNamed(
  candidates: readonly DiscoveredSkill[],
  fetched: FetchedSource,
  facts: SourceFacts,
): DiscoveredSkill | undefined {
  const rank = (s: DiscoveredSkill) =>
    (leftOut(s, fetched, facts) === undefined ? 0 : 2) + (path.basename(s.dir) === s.name ? 0 : 1);
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}
