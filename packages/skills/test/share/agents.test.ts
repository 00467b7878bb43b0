// The agents table against the skills CLI's (1.7.4), and the environment variables that move user folders.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENTS, agentSkillsDir, agentsById } from "../../src/share/agents.js";

/** Every agent id of `skills` 1.7.4, in its order (copied from its agents table). */
const SKILLS_CLI_AGENTS = [
  "aider-desk",
  "amp",
  "antigravity",
  "antigravity-cli",
  "astrbot",
  "autohand-code",
  "augment",
  "bob",
  "claude-code",
  "openclaw",
  "cline",
  "codearts-agent",
  "codebuddy",
  "codemaker",
  "codestudio",
  "codex",
  "command-code",
  "continue",
  "cortex",
  "crush",
  "cursor",
  "deepagents",
  "devin",
  "dexto",
  "droid",
  "eve",
  "firebender",
  "forgecode",
  "fx",
  "gemini-cli",
  "github-copilot",
  "goose",
  "grok",
  "hermes-agent",
  "inference-sh",
  "jazz",
  "junie",
  "iflow-cli",
  "kilo",
  "kimchi",
  "kimi-code-cli",
  "kiro-cli",
  "kode",
  "lingma",
  "loaf",
  "mcpjam",
  "minimax-code",
  "mistral-vibe",
  "moxby",
  "mux",
  "opencode",
  "openhands",
  "ona",
  "pi",
  "posit-assistant",
  "qoder",
  "qoder-cn",
  "qwen-code",
  "replit",
  "reasonix",
  "rovodev",
  "roo",
  "sarvam-code",
  "tabnine-cli",
  "terramind",
  "tinycloud",
  "trae",
  "trae-cn",
  "warp",
  "windsurf",
  "zed",
  "zcode",
  "zencoder",
  "zenflow",
  "neovate",
  "pochi",
  "promptscript",
  "adal",
  "universal",
];

const byId = (id: string) => agentsById([id])[0]!;
const home = path.join(path.sep, "home", "u");
const user = { root: home, global: true };

describe("agents", () => {
  it("knows every agent the skills CLI knows, under the same ids", () => {
    expect(AGENTS.map((a) => a.id)).toEqual(SKILLS_CLI_AGENTS);
    expect(new Set(AGENTS.map((a) => a.id)).size).toBe(AGENTS.length);
  });

  it("has the skills CLI's project and default user folders", () => {
    const cases: [string, string, string | undefined][] = [
      ["claude-code", ".claude/skills", ".claude/skills"],
      ["codex", ".agents/skills", ".agents/skills"],
      ["opencode", ".agents/skills", ".config/opencode/skills"],
      ["windsurf", ".windsurf/skills", ".codeium/windsurf/skills"],
      ["goose", ".goose/skills", ".config/goose/skills"],
      ["openclaw", "skills", ".openclaw/skills"],
      ["eve", "agent/skills", undefined],
    ];
    for (const [id, project, userDir] of cases) {
      expect(agentSkillsDir(byId(id), { root: "/p", global: false }), id).toBe(
        path.join("/p", project),
      );
      expect(agentSkillsDir(byId(id), user), id).toBe(
        userDir === undefined ? undefined : path.join(home, userDir),
      );
    }
  });

  it("moves user folders with CLAUDE_CONFIG_DIR, XDG_CONFIG_HOME and the *_HOME variables", () => {
    const env = {
      CLAUDE_CONFIG_DIR: "/c",
      XDG_CONFIG_HOME: "/x",
      VIBE_HOME: "/v",
      HERMES_HOME: "/h",
      GROK_HOME: "/g",
      AUTOHAND_HOME: "/a",
    };
    expect(agentSkillsDir(byId("claude-code"), user, env)).toBe(path.join("/c", "skills"));
    expect(agentSkillsDir(byId("amp"), user, env)).toBe(path.join("/x", "agents/skills"));
    expect(agentSkillsDir(byId("goose"), user, env)).toBe(path.join("/x", "goose/skills"));
    expect(agentSkillsDir(byId("mistral-vibe"), user, env)).toBe(path.join("/v", "skills"));
    expect(agentSkillsDir(byId("hermes-agent"), user, env)).toBe(path.join("/h", "skills"));
    expect(agentSkillsDir(byId("grok"), user, env)).toBe(path.join("/g", "skills"));
    expect(agentSkillsDir(byId("autohand-code"), user, env)).toBe(path.join("/a", "skills"));
    // Project folders never move.
    expect(agentSkillsDir(byId("claude-code"), { root: "/p", global: false }, env)).toBe(
      path.join("/p", ".claude/skills"),
    );
  });

  it("ignores an empty or relative value and uses the default", () => {
    for (const value of ["", "  ", "relative/dir"])
      expect(agentSkillsDir(byId("claude-code"), user, { CLAUDE_CONFIG_DIR: value })).toBe(
        path.join(home, ".claude/skills"),
      );
  });

  it("'*' is every agent; an unknown id names the known ones", () => {
    expect(agentsById(["*"])).toHaveLength(AGENTS.length);
    expect(() => agentsById(["nope"])).toThrow(/unknown agent "nope" \(known: aider-desk/);
  });
});
