// The agents skills are synced into: their project and user skill folders, and what moves the latter.
import path from "node:path";
import { AGENT_TABLE } from "./_agent-table.js";

/** An environment variable that moves an agent's user folder, and its default under the home folder. */
export interface AgentHome {
  env: string;
  /** Relative to the home folder; used when the variable is unset, empty or not an absolute path. */
  fallback: string;
}

/** An agent and where it reads skills from. */
export interface AgentTarget {
  id: string;
  name: string;
  /** Relative to the project root. */
  projectDir: string;
  /** Relative to `userHome` (the home folder when absent); undefined: the agent has no user folder. */
  userDir: string | undefined;
  /** The folder `userDir` is relative to, when an environment variable can move it. */
  userHome?: AgentHome;
}

/**
 * Agents and their skill folders, as `skills` 1.7.4 has them (agents move these, so this is the one
 * place to update). Agents that read `.agents/skills` themselves need no link in a project: the
 * canonical copy is already where they look.
 */
export const AGENTS: readonly AgentTarget[] = AGENT_TABLE;

/** `--agent '*'`: every agent of the table. */
export const ALL_AGENTS = "*";

/** The canonical folders: every install lands here, agents' folders link to it. */
export const CANONICAL_DIR = ".agents/skills";

/** Looks agents up by id (`*` is every agent); an unknown id throws, naming the known ones. */
export function agentsById(ids: readonly string[]): AgentTarget[] {
  if (ids.includes(ALL_AGENTS)) return [...AGENTS];
  return ids.map((id) => {
    const agent = AGENTS.find((a) => a.id === id);
    if (!agent)
      throw new Error(
        `unknown agent "${id}" (known: ${AGENTS.map((a) => a.id).join(", ")}; '*' for all)`,
      );
    return agent;
  });
}

/** The environment a user folder is read from: the real process environment, never a project's `.env`. */
export type AgentEnv = Readonly<Record<string, string | undefined>>;

function userBase(agent: AgentTarget, home: string, env: AgentEnv): string {
  if (agent.userHome === undefined) return home;
  const moved = env[agent.userHome.env]?.trim();
  return moved && path.isAbsolute(moved) ? moved : path.join(home, agent.userHome.fallback);
}

/**
 * Where an agent reads skills for a project root, or for the user (`global`, `root` is the home
 * folder); undefined for an agent without a user folder. `env` moves user folders
 * (`CLAUDE_CONFIG_DIR`, `XDG_CONFIG_HOME`, …).
 */
export function agentSkillsDir(
  agent: AgentTarget,
  scope: { root: string; global: boolean },
  env: AgentEnv = {},
): string | undefined {
  if (!scope.global) return path.join(scope.root, agent.projectDir);
  if (agent.userDir === undefined) return undefined;
  return path.join(userBase(agent, scope.root, env), agent.userDir);
}
