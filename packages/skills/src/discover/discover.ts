// Discovery: every source scanned in precedence order, duplicates resolved, disabled skills marked.
import { realpathSync } from "node:fs";
import type { SkillDiagnostic } from "../document/diagnostics.js";
import type { SkillFrontmatter } from "../document/fields.js";
import type { SkillValidationLevel } from "../document/parse.js";
import { emptyIndex, loadIndex, saveIndex } from "./_index.js";
import { scanSource, type ScanLimits } from "./scan.js";
import type { SkillScope, SkillSource } from "./sources.js";

/** A skill found by discovery (metadata only: the body is read on activation). */
export interface DiscoveredSkill {
  /** `scope:name`, e.g. `project:pdf-forms`. */
  id: string;
  name: string;
  description: string;
  whenToUse?: string;
  scope: SkillScope;
  source: SkillSource;
  /** The skill folder and its SKILL.md (absolute). */
  dir: string;
  file: string;
  frontmatter: SkillFrontmatter;
  /** Holds a ```workflow block. */
  runnable: boolean;
  /** Disabled in config: invisible to agents. */
  disabled: boolean;
  /** Hidden by a skill of the same name found earlier; the winner's file. */
  shadowedBy?: string;
}

/** Options of `discoverSkills`. */
export interface DiscoverOptions {
  /** Sources in precedence order (see `defaultSkillSources`). */
  sources: readonly SkillSource[];
  /** Names or `scope:name` ids that are disabled. */
  disabled?: readonly string[];
  /** gitignore-style patterns skipped in every source (each source's `.gitignore` applies too). */
  ignore?: readonly string[];
  maxDepth?: number;
  maxFolders?: number;
  /** Where the metadata index is cached; none when undefined. */
  indexFile?: string;
  /** Field checks while loading; default `default`. */
  level?: SkillValidationLevel;
}

/** Everything discovery found and had to say. */
export interface Discovery {
  /** Every loaded skill, in precedence order, shadowed and disabled ones included. */
  skills: DiscoveredSkill[];
  /** Problems met while loading: skipped skills, duplicates, scans stopped early, field warnings. */
  diagnostics: SkillDiagnostic[];
  /** SKILL.md files read and parsed in this call (the others came from the index). */
  parsed: number;
}

const DEFAULT_LIMITS: ScanLimits = { maxDepth: 6, maxFolders: 50_000 };

const at = (file: string) => ({ file, line: 1, column: 1 });

/** Whether two skill folders are one on disk (a link to the other, or both links to one folder). */
function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Finds the skills of every source; never throws on bad skills (they become diagnostics). */
export function discoverSkills(options: DiscoverOptions): Discovery {
  const limits: ScanLimits = {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxFolders: options.maxFolders ?? DEFAULT_LIMITS.maxFolders,
  };
  const level = options.level ?? "default";
  const ignore = options.ignore ?? [];
  const key = JSON.stringify({ level, sources: options.sources.map((s) => s.root) });
  const index = { previous: loadIndex(options.indexFile, key), next: emptyIndex(key) };
  const disabled = new Set(options.disabled ?? []);
  const winners = new Map<string, DiscoveredSkill>();
  const discovery: Discovery = { skills: [], diagnostics: [], parsed: 0 };
  let changed = false;
  for (const source of options.sources) {
    const scan = scanSource(source.root, index, {
      limits,
      ignore,
      level,
      indexing: options.indexFile !== undefined,
    });
    discovery.parsed += scan.parsed;
    changed ||= scan.changed;
    discovery.diagnostics.push(...scan.warnings);
    if (scan.stoppedEarly !== undefined)
      discovery.diagnostics.push({
        code: "SCAN_LIMIT",
        severity: "warning",
        message: `scan of ${source.root} ${scan.stoppedEarly}`,
        ...at(source.root),
      });
    for (const found of scan.skills) {
      const { frontmatter, diagnostics, runnable } = found.indexed;
      // Loaded leniently, as agents do; its problems are still reported.
      discovery.diagnostics.push(...diagnostics);
      if (!frontmatter) {
        discovery.diagnostics.push({
          code: "SKILL_SKIPPED",
          severity: "warning",
          message: `skipped: ${diagnostics.find((d) => d.severity === "error")?.message ?? "cannot be loaded"}`,
          ...at(found.file),
        });
        continue;
      }
      if (frontmatter.name.includes(":")) {
        // `scope:name` addresses a skill: a name with a colon would pose as another skill's id.
        discovery.diagnostics.push({
          code: "SKILL_SKIPPED",
          severity: "warning",
          message: `skipped: the name "${frontmatter.name}" contains ":", which is reserved for scope:name`,
          ...at(found.file),
        });
        continue;
      }
      const id = `${source.scope}:${frontmatter.name}`;
      const skill: DiscoveredSkill = {
        id,
        name: frontmatter.name,
        description: frontmatter.description,
        scope: source.scope,
        source,
        dir: found.dir,
        file: found.file,
        frontmatter,
        runnable,
        disabled: disabled.has(frontmatter.name) || disabled.has(id),
      };
      if (frontmatter.whenToUse !== undefined) skill.whenToUse = frontmatter.whenToUse;
      const winner = winners.get(frontmatter.name);
      // An agent's folder linking to the canonical copy (as `skills add` and skillflow make them)
      // shows the same skill again: one skill, no duplicate.
      if (winner && sameFolder(winner.dir, found.dir)) continue;
      if (winner) {
        skill.shadowedBy = winner.file;
        discovery.diagnostics.push({
          code: "DUPLICATE_SKILL",
          severity: "warning",
          message: `skill "${frontmatter.name}" is also in ${winner.file} (${winner.scope}), which wins; this one stays reachable as ${id}`,
          ...at(found.file),
        });
      } else winners.set(frontmatter.name, skill);
      discovery.skills.push(skill);
    }
  }
  // Rewriting an unchanged index would cost more than the warm scan itself.
  const count = (data: typeof index.next) =>
    Object.keys(data.folders).length + Object.keys(data.skills).length;
  if (changed || count(index.previous) !== count(index.next))
    saveIndex(options.indexFile, index.next);
  return discovery;
}
