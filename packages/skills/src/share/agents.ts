// The agents skills are synced into: one table of their project and user skill folders.
import path from "node:path";

/** An agent and where it reads skills from. */
export interface AgentTarget {
  id: string;
  name: string;
  /** Relative to the project root. */
  projectDir: string;
  /** Relative to the user's home folder. */
  userDir: string;
}

/**
 * Agents and their skill folders (as of 2026; agents move these, so this is the one place to
 * update). Agents that read `.agents/skills` themselves need no link in a project: the canonical
 * copy is already where they look.
 */
export const AGENTS: readonly AgentTarget[] = [
  {
    id: "claude-code",
    name: "Claude Code",
    projectDir: ".claude/skills",
    userDir: ".claude/skills",
  },
  { id: "codex", name: "Codex", projectDir: ".agents/skills", userDir: ".codex/skills" },
  { id: "cursor", name: "Cursor", projectDir: ".agents/skills", userDir: ".cursor/skills" },
  { id: "gemini-cli", name: "Gemini CLI", projectDir: ".agents/skills", userDir: ".gemini/skills" },
  {
    id: "github-copilot",
    name: "GitHub Copilot",
    projectDir: ".agents/skills",
    userDir: ".copilot/skills",
  },
  { id: "amp", name: "Amp", projectDir: ".agents/skills", userDir: ".config/agents/skills" },
  { id: "cline", name: "Cline", projectDir: ".agents/skills", userDir: ".agents/skills" },
  { id: "goose", name: "Goose", projectDir: ".goose/skills", userDir: ".config/goose/skills" },
  {
    id: "opencode",
    name: "OpenCode",
    projectDir: ".opencode/skills",
    userDir: ".config/opencode/skills",
  },
  {
    id: "windsurf",
    name: "Windsurf",
    projectDir: ".windsurf/skills",
    userDir: ".codeium/windsurf/skills",
  },
  { id: "kiro-cli", name: "Kiro CLI", projectDir: ".kiro/skills", userDir: ".kiro/skills" },
  { id: "junie", name: "Junie", projectDir: ".junie/skills", userDir: ".junie/skills" },
];

/** The canonical folders: every install lands here, agents' folders link to it. */
export const CANONICAL_DIR = ".agents/skills";

/** Looks agents up by id; an unknown id throws, naming the known ones. */
export function agentsById(ids: readonly string[]): AgentTarget[] {
  return ids.map((id) => {
    const agent = AGENTS.find((a) => a.id === id);
    if (!agent)
      throw new Error(`unknown agent "${id}" (known: ${AGENTS.map((a) => a.id).join(", ")})`);
    return agent;
  });
}

/** Where an agent reads skills for a project root, or for the user (`home`). */
export function agentSkillsDir(
  agent: AgentTarget,
  scope: { root: string; global: boolean },
): string {
  return path.join(scope.root, scope.global ? agent.userDir : agent.projectDir);
}
