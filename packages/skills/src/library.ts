// SkillLibrary: the API an agent host uses — catalog up front, activate on demand, resources on request.
import { interpolate, type CommandReport } from "./activate/interpolate.js";
import { parseSkill } from "./document/parse.js";
import { defaultTokenCounter, type TokenCounter } from "./document/tokens.js";
import type { SkillDiagnostic } from "./document/diagnostics.js";
import { discoverSkills, type DiscoverOptions, type DiscoveredSkill } from "./discover/discover.js";
import type { SkillScope, SkillSource } from "./discover/sources.js";
import {
  fitCatalog,
  type CatalogEntry,
  type CatalogFormat,
  type RenderedCatalog,
} from "./disclose/catalog.js";
import { listResources, readResource } from "./disclose/resources.js";
import { readSkillFile } from "./read-file.js";
import {
  createRouter,
  type RouteOptions,
  type RouteResult,
  type Router,
  type RouterOptions,
} from "./route/router.js";

/** Which skills may run their `` !`command` `` lines. */
export interface TrustPolicy {
  /** Per scope; by default only the user's own skills are trusted. */
  scopes?: Partial<Record<SkillScope, boolean>>;
  /** Global switch: false runs no command for any skill. Default true. */
  commands?: boolean;
  /**
   * Per skill, by `scope:name` or name (the id wins); wins over the scope. Installers mark skills
   * installed from outside `false` until the user trusts them. A map, so that no skill name (such as
   * `constructor`) can find anything but its own entry.
   */
  skills?: ReadonlyMap<string, boolean>;
}

/** Default trust per scope: a cloned project's, a team's or a package's skills are not the user's say-so. */
export const DEFAULT_TRUST: Readonly<Record<SkillScope, boolean>> = {
  project: false,
  user: true,
  team: false,
  package: false,
};

/** Options of `SkillLibrary.load`. */
export interface SkillLibraryOptions extends DiscoverOptions {
  trust?: TrustPolicy;
  router?: RouterOptions;
  /** Token counter for catalog budgets; default the offline o200k tokenizer. */
  countTokens?: TokenCounter;
}

/** Options of `activate`. */
export interface ActivateOptions {
  /** The arguments as typed after the skill name (`$ARGUMENTS`, `$0`, named arguments). */
  arguments?: string;
  /** Show the commands that would run instead of running them. */
  dryRun?: boolean;
  /** Working folder of commands; default the skill folder. */
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

/** An activated skill: its body ready for the model, and its files (listed, not read). */
export interface Activation {
  name: string;
  id: string;
  dir: string;
  file: string;
  body: string;
  resources: string[];
  /** More files exist than were listed. */
  resourcesTruncated: boolean;
  commands: CommandReport[];
  trusted: boolean;
}

/** Thrown by lookups: no such skill, or only a disabled one. */
export class SkillNotFoundError extends Error {
  override readonly name = "SkillNotFoundError";
  readonly code = "SKILL_NOT_FOUND";
}

/** The skills of a set of sources, served progressively to an agent. */
export class SkillLibrary {
  readonly #options: SkillLibraryOptions;
  #router: Router | undefined;

  private constructor(
    options: SkillLibraryOptions,
    /** Every skill found, shadowed and disabled included, in precedence order. */
    readonly all: readonly DiscoveredSkill[],
    /** What discovery had to say. */
    readonly diagnostics: readonly SkillDiagnostic[],
  ) {
    this.#options = options;
  }

  /** Discovers the skills of `options.sources` (using the index when `indexFile` is set). */
  static load(options: SkillLibraryOptions): SkillLibrary {
    const discovery = discoverSkills(options);
    return new SkillLibrary(options, discovery.skills, discovery.diagnostics);
  }

  /** The folders searched, in precedence order. */
  get sources(): readonly SkillSource[] {
    return this.#options.sources;
  }

  /** The skills agents can see: enabled and not shadowed, in precedence order. */
  get skills(): DiscoveredSkill[] {
    return this.all.filter((s) => !s.disabled && s.shadowedBy === undefined);
  }

  /**
   * A skill by `name` (the visible one) or `scope:name`; disabled skills only with `includeDisabled`.
   * Throws SkillNotFoundError.
   */
  get(ref: string, options: { includeDisabled?: boolean } = {}): DiscoveredSkill {
    const byId = ref.includes(":");
    const found = this.all.find(
      (s) =>
        (byId ? s.id === ref : s.name === ref && s.shadowedBy === undefined) &&
        (options.includeDisabled || !s.disabled),
    );
    if (found) return found;
    const disabled = this.all.some((s) => (byId ? s.id === ref : s.name === ref) && s.disabled);
    throw new SkillNotFoundError(disabled ? `skill "${ref}" is disabled` : `no skill "${ref}"`);
  }

  /** Whether a skill may run commands under the trust policy. */
  isTrusted(skill: DiscoveredSkill): boolean {
    const trust = this.#options.trust;
    if (trust?.commands === false) return false;
    // A bare name never contains ":" (discovery skips such names), so it cannot match an id entry.
    const own =
      trust?.skills?.get(skill.id) ??
      (skill.name.includes(":") ? undefined : trust?.skills?.get(skill.name));
    const scope = trust?.scopes !== undefined && Object.hasOwn(trust.scopes, skill.scope);
    return (
      (own ??
        skill.source.trusted ??
        (scope ? trust?.scopes?.[skill.scope] : undefined) ??
        DEFAULT_TRUST[skill.scope]) === true
    );
  }

  /** Catalog entries of the skills a model may invoke (not `disable-model-invocation`). */
  entries(order?: readonly string[]): CatalogEntry[] {
    let skills = this.skills.filter((s) => s.frontmatter.disableModelInvocation !== true);
    if (order) {
      const rank = new Map(order.map((id, i) => [id, i]));
      skills = [...skills].sort(
        (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity),
      );
    }
    return skills.map((s) => ({ name: s.name, description: s.description, location: s.file }));
  }

  /**
   * The catalog as XML (`<available_skills>`), JSON or Markdown. Within `budget` tokens, descriptions
   * are shortened first, then the lowest-ranked skills dropped (ranked by `task` when given, else
   * by precedence); `cut` says what.
   */
  async catalog(
    options: { format?: CatalogFormat; budget?: number; task?: string } = {},
  ): Promise<RenderedCatalog> {
    const order =
      options.task === undefined
        ? undefined
        : this.route(options.task, { k: this.skills.length, minScore: 0 }).matches.map((m) => m.id);
    const countTokens = this.#options.countTokens ?? (await defaultTokenCounter());
    return fitCatalog(this.entries(order), {
      format: options.format ?? "xml",
      ...(options.budget !== undefined ? { budget: options.budget } : {}),
      countTokens,
    });
  }

  /** Ranks the visible skills for a task (BM25F over name, when_to_use and description, and meaning). */
  route(task: string, options?: RouteOptions): RouteResult {
    this.#router ??= createRouter(
      this.skills
        .filter((s) => s.frontmatter.disableModelInvocation !== true)
        .map((s) => ({
          id: s.id,
          name: s.name,
          description: s.description,
          ...(s.whenToUse !== undefined ? { whenToUse: s.whenToUse } : {}),
        })),
      this.#options.router,
    );
    return this.#router.route(task, options);
  }

  /**
   * Activates a skill: reads its body (without frontmatter), substitutes arguments and `${SKILL_DIR}`,
   * runs its commands if the skill is trusted (an untrusted one gets a visible marker instead), and
   * lists its files. A failing command rejects with an InterpolationError.
   */
  async activate(ref: string, options: ActivateOptions = {}): Promise<Activation> {
    const skill = this.get(ref);
    const text = await readSkillFile(skill.file);
    const parsed = parseSkill(text, { file: skill.file });
    const trusted = this.isTrusted(skill);
    const result = await interpolate(parsed.body, {
      trusted,
      enabled: this.#options.trust?.commands !== false,
      cwd: options.cwd ?? skill.dir,
      lineOffset: parsed.bodyLine - 1,
      arguments: {
        raw: options.arguments ?? "",
        skillDir: skill.dir,
        ...(skill.frontmatter.arguments ? { named: skill.frontmatter.arguments } : {}),
      },
      ...pick(options, ["dryRun", "env", "timeoutMs", "maxOutputBytes", "signal"]),
    });
    const resources = await listResources(skill.dir);
    return {
      name: skill.name,
      id: skill.id,
      dir: skill.dir,
      file: skill.file,
      body: result.text,
      resources: resources.files,
      resourcesTruncated: resources.truncated,
      commands: result.commands,
      trusted,
    };
  }

  /** Reads one bundled file of a skill, confined to its folder (SkillResourceError otherwise). */
  readResource(ref: string, file: string, maxBytes?: number): Promise<string> {
    return readResource(this.get(ref).dir, file, maxBytes);
  }
}

function pick<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
