// Scripted models for examples/commit-message that the skill helps, hurts or leaves alone (offline demos).
import { scriptedModel, type PromptView, type Script } from "./scripted-model.js";

/** The Conventional Commits type a careful writer picks for each example case's change. */
export function commitTypeFor(task: string): string {
  if (/typo|README/.test(task)) return "docs";
  if (/crash|bug|expired/.test(task)) return "fix";
  if (/rewrote|readability/.test(task)) return "refactor";
  if (/fast/.test(task)) return "perf";
  if (/tests/.test(task)) return "test";
  return "feat";
}

/** The skill is in the catalog (catalog mode, with the skill). */
const offered = (v: PromptView) => v.system.includes("<name>commit-message</name>");
/** The skill's instructions are in the system prompt from the start (loaded mode, with the skill). */
const loaded = (v: PromptView) => v.system.includes('<skill_content name="commit-message">');

/**
 * Activates the skill when the catalog offers it for a commit message, as a model would; `answer`
 * decides the text with or without its instructions (activated, or loaded up front).
 */
const withAnswer = (answer: (task: string, usedSkill: boolean) => string) => (v: PromptView) => {
  const activated = v.toolResults.some((r) => r.name === "activate_skill" && !r.error);
  if (offered(v) && !activated && /commit/i.test(v.user))
    return { call: { name: "activate_skill", input: { name: "commit-message" } } };
  return { text: answer(v.user, activated || loaded(v)) };
};

const type = commitTypeFor;

/**
 * Three scripts: `helps` writes prose alone and conventional lines with the skill; `hurts` is
 * already right alone and wraps the line in a preamble with the skill; `same` answers the same
 * either way (right on half the cases).
 */
export const COMMIT_SCRIPTS: Readonly<Record<"helps" | "hurts" | "same", Script>> = {
  helps: withAnswer((t, used) =>
    used ? `${type(t)}(core): update ${type(t)} handling` : "Updated the code as requested.",
  ),
  hurts: withAnswer((t, used) =>
    used ? `Here is your message: ${type(t)}: change` : `${type(t)}(core): apply change`,
  ),
  same: withAnswer((t) =>
    /(parser|README|index|CSV)/.test(t) ? `${type(t)}: change` : "Changed things.",
  ),
};

/** Fresh scripted models for the three scripts (each counts its own calls). */
export function commitMessageModels() {
  return {
    helps: scriptedModel(COMMIT_SCRIPTS.helps, "helps"),
    hurts: scriptedModel(COMMIT_SCRIPTS.hurts, "hurts"),
    same: scriptedModel(COMMIT_SCRIPTS.same, "same"),
  };
}
