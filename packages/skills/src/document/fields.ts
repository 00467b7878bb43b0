// The frontmatter fields skills use: the Agent Skills specification's six, and those agents add.

/** Fields of the Agent Skills specification; `strict` validation allows only these. */
export const SPEC_FIELDS = [
  "name",
  "description",
  "license",
  "compatibility",
  "metadata",
  "allowed-tools",
] as const;

/** Fields agents add (Claude Code and others); understood, and warned about only under `strict`. */
export const AGENT_FIELDS = [
  "when_to_use",
  "arguments",
  "argument-hint",
  "disable-model-invocation",
  "user-invocable",
  "model",
  "context",
  "effort",
  "agent",
  "hooks",
  "version",
] as const;

/** Limits of the specification. */
export const LIMITS = {
  name: 64,
  description: 1024,
  compatibility: 500,
  bodyLines: 500,
  bodyTokens: 5000,
} as const;

/** A skill name: lowercase letters, digits and single hyphens, not at either end. */
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The frontmatter as skillflow understands it (camelCase; absent fields are undefined). */
export interface SkillFrontmatter {
  name: string;
  description: string;
  license?: string;
  compatibility?: string;
  metadata?: Record<string, string>;
  allowedTools?: string[];
  whenToUse?: string;
  /** Names of positional arguments (`$name` in the body), from `arguments`. */
  arguments?: string[];
  argumentHint?: string;
  disableModelInvocation?: boolean;
  userInvocable?: boolean;
  model?: string;
  context?: string;
}
