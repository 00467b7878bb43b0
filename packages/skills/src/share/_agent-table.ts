// The table of agents `skills` (vercel-labs/skills 1.7.4) knows: each one's project and user skill folders.
import type { AgentHome, AgentTarget } from "./agents.js";

const XDG: AgentHome = { env: "XDG_CONFIG_HOME", fallback: ".config" };
const CLAUDE: AgentHome = { env: "CLAUDE_CONFIG_DIR", fallback: ".claude" };
const AUTOHAND: AgentHome = { env: "AUTOHAND_HOME", fallback: ".autohand" };
const GROK: AgentHome = { env: "GROK_HOME", fallback: ".grok" };
const HERMES: AgentHome = { env: "HERMES_HOME", fallback: ".hermes" };
const VIBE: AgentHome = { env: "VIBE_HOME", fallback: ".vibe" };

function row(
  id: string,
  name: string,
  projectDir: string,
  userDir: string | undefined,
  userHome?: AgentHome,
): AgentTarget {
  return { id, name, projectDir, userDir, ...(userHome ? { userHome } : {}) };
}

/**
 * Copied from the agents table of `skills` 1.7.4 (same ids, same folders), so `-a <id>` means the
 * same in both tools. OpenClaw's user folder is `~/.openclaw/skills` (skills also probes the
 * legacy `.clawdbot` and `.moltbot` folders). Eve and PromptScript have no user-level folder.
 */
export const AGENT_TABLE: readonly AgentTarget[] = [
  row("aider-desk", "AiderDesk", ".aider-desk/skills", ".aider-desk/skills"),
  row("amp", "Amp", ".agents/skills", "agents/skills", XDG),
  row("antigravity", "Antigravity", ".agents/skills", ".gemini/antigravity/skills"),
  row("antigravity-cli", "Antigravity CLI", ".agents/skills", ".gemini/antigravity-cli/skills"),
  row("astrbot", "AstrBot", "data/skills", ".astrbot/data/skills"),
  row("autohand-code", "Autohand Code CLI", ".autohand/skills", "skills", AUTOHAND),
  row("augment", "Augment", ".augment/skills", ".augment/skills"),
  row("bob", "IBM Bob", ".bob/skills", ".bob/skills"),
  row("claude-code", "Claude Code", ".claude/skills", "skills", CLAUDE),
  row("openclaw", "OpenClaw", "skills", ".openclaw/skills"),
  row("cline", "Cline", ".agents/skills", ".agents/skills"),
  row("codearts-agent", "CodeArts Agent", ".codeartsdoer/skills", ".codeartsdoer/skills"),
  row("codebuddy", "CodeBuddy", ".codebuddy/skills", ".codebuddy/skills"),
  row("codemaker", "Codemaker", ".codemaker/skills", ".codemaker/skills"),
  row("codestudio", "Code Studio", ".codestudio/skills", ".codestudio/skills"),
  row("codex", "Codex", ".agents/skills", ".agents/skills"),
  row("command-code", "Command Code", ".commandcode/skills", ".commandcode/skills"),
  row("continue", "Continue", ".continue/skills", ".continue/skills"),
  row("cortex", "Cortex Code", ".cortex/skills", ".snowflake/cortex/skills"),
  row("crush", "Crush", ".crush/skills", ".config/crush/skills"),
  row("cursor", "Cursor", ".agents/skills", ".cursor/skills"),
  row("deepagents", "Deep Agents", ".agents/skills", ".deepagents/agent/skills"),
  row("devin", "Devin for Terminal", ".devin/skills", "devin/skills", XDG),
  row("dexto", "Dexto", ".agents/skills", ".agents/skills"),
  row("droid", "Droid", ".agents/skills", ".factory/skills"),
  row("eve", "Eve", "agent/skills", undefined),
  row("firebender", "Firebender", ".agents/skills", ".firebender/skills"),
  row("forgecode", "ForgeCode", ".forge/skills", ".forge/skills"),
  row("fx", "fx", ".agents/skills", ".agents/skills"),
  row("gemini-cli", "Gemini CLI", ".agents/skills", ".gemini/skills"),
  row("github-copilot", "GitHub Copilot", ".agents/skills", ".copilot/skills"),
  row("goose", "Goose", ".goose/skills", "goose/skills", XDG),
  row("grok", "Grok Build", ".grok/skills", "skills", GROK),
  row("hermes-agent", "Hermes Agent", ".hermes/skills", "skills", HERMES),
  row("inference-sh", "inference.sh", ".inferencesh/skills", ".inferencesh/skills"),
  row("jazz", "Jazz", ".jazz/skills", ".jazz/skills"),
  row("junie", "Junie", ".junie/skills", ".junie/skills"),
  row("iflow-cli", "iFlow CLI", ".iflow/skills", ".iflow/skills"),
  row("kilo", "Kilo Code", ".agents/skills", ".kilo/skills"),
  row("kimchi", "Kimchi", ".kimchi/skills", ".config/kimchi/harness/skills"),
  row("kimi-code-cli", "Kimi Code CLI", ".agents/skills", ".agents/skills"),
  row("kiro-cli", "Kiro CLI", ".kiro/skills", ".kiro/skills"),
  row("kode", "Kode", ".kode/skills", ".kode/skills"),
  row("lingma", "Lingma", ".lingma/skills", ".lingma/skills"),
  row("loaf", "Loaf", ".agents/skills", ".agents/skills"),
  row("mcpjam", "MCPJam", ".mcpjam/skills", ".mcpjam/skills"),
  row("minimax-code", "MiniMax Code", ".minimax/skills", ".minimax/skills"),
  row("mistral-vibe", "Mistral Vibe", ".vibe/skills", "skills", VIBE),
  row("moxby", "Moxby", ".moxby/skills", ".moxby/skills"),
  row("mux", "Mux", ".mux/skills", ".mux/skills"),
  row("opencode", "OpenCode", ".agents/skills", "opencode/skills", XDG),
  row("openhands", "OpenHands", ".openhands/skills", ".openhands/skills"),
  row("ona", "Ona", ".ona/skills", ".ona/skills"),
  row("pi", "Pi", ".agents/skills", ".agents/skills"),
  row("posit-assistant", "Posit Assistant", ".posit/assistant/skills", ".posit/assistant/skills"),
  row("qoder", "Qoder", ".qoder/skills", ".qoder/skills"),
  row("qoder-cn", "Qoder CN", ".qoder/skills", ".qoder-cn/skills"),
  row("qwen-code", "Qwen Code", ".qwen/skills", ".qwen/skills"),
  row("replit", "Replit", ".agents/skills", "agents/skills", XDG),
  row("reasonix", "Reasonix", ".reasonix/skills", ".reasonix/skills"),
  row("rovodev", "Rovo Dev", ".rovodev/skills", ".rovodev/skills"),
  row("roo", "Roo Code", ".roo/skills", ".roo/skills"),
  row("sarvam-code", "Sarvam Code", ".agents/skills", ".agents/skills"),
  row("tabnine-cli", "Tabnine CLI", ".tabnine/agent/skills", ".tabnine/agent/skills"),
  row("terramind", "Terramind", ".terramind/skills", ".terramind/skills"),
  row("tinycloud", "Tinycloud", ".tinycloud/skills", ".tinycloud/skills"),
  row("trae", "Trae", ".trae/skills", ".trae/skills"),
  row("trae-cn", "Trae CN", ".trae/skills", ".trae-cn/skills"),
  row("warp", "Warp", ".agents/skills", ".agents/skills"),
  row("windsurf", "Windsurf", ".windsurf/skills", ".codeium/windsurf/skills"),
  row("zed", "Zed", ".agents/skills", ".agents/skills"),
  row("zcode", "ZCode", ".zcode/skills", ".zcode/skills"),
  row("zencoder", "Zencoder", ".zencoder/skills", ".zencoder/skills"),
  row("zenflow", "Zenflow", ".zencoder/skills", ".zencoder/skills"),
  row("neovate", "Neovate", ".neovate/skills", ".neovate/skills"),
  row("pochi", "Pochi", ".pochi/skills", ".pochi/skills"),
  row("promptscript", "PromptScript", ".agents/skills", undefined),
  row("adal", "AdaL", ".adal/skills", ".adal/skills"),
  row("universal", "Universal", ".agents/skills", "agents/skills", XDG),
];
