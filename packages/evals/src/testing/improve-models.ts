// Scripted models and a fixture skill for offline tests of `improveSkill` and `tuneDescription`.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PromptView, Script } from "./scripted-model.js";

/** The fixture skill's name. */
export const SHOUT = "shout";

/** The instruction that makes the scripted agent pass every case (a general fix). */
export const SHOUT_RULE = "Always end every answer with an exclamation mark.";

/** The fixture's description: it names "answers" (the cases) but not announcements (the triggers). */
export const SHOUT_DESCRIPTION =
  "Formats answers in a house style. Use when the house style applies.";

/** The fixture's SKILL.md with `body` (default: instructions that do not fix the failures). */
export function shoutSkill(
  body = "Answer the task briefly.\n",
  description = SHOUT_DESCRIPTION,
): string {
  return `---\nname: ${SHOUT}\ndescription: ${description}\n---\n\n# Shout\n\n${body}`;
}

/**
 * Writes the fixture skill into `root/shout`: `cases` cases ("Answer about topic-N.") whose answer
 * must end with "!", and a trigger set (announcements should trigger, arithmetic should not).
 */
export function writeShoutSkill(root: string, cases = 16, body?: string): string {
  const dir = path.join(root, SHOUT);
  mkdirSync(path.join(dir, "evals"), { recursive: true });
  writeFileSync(path.join(dir, "SKILL.md"), shoutSkill(body));
  const evals = Array.from({ length: cases }, (_, i) => ({
    id: i + 1,
    prompt: `Answer about topic-${i + 1}.`,
    assertions: [{ type: "regex", pattern: "!$" }],
  }));
  const trigger = {
    should_trigger: Array.from(
      { length: 10 },
      (_, i) => `Write an announcement for launch ${i + 1}.`,
    ),
    should_not_trigger: Array.from({ length: 5 }, (_, i) => `What is ${i + 2} plus ${i + 3}?`),
  };
  writeFileSync(
    path.join(dir, "evals", "evals.json"),
    JSON.stringify({ skill_name: SHOUT, evals, trigger }, null, 2),
  );
  return dir;
}

/** What the agent was told by the skill: its activation, or its content loaded up front. */
function skillText(v: PromptView): string | undefined {
  const activation = v.toolResults.find((r) => r.name === "activate_skill" && !r.error);
  if (activation) return activation.output;
  const loaded = v.system.indexOf(`<skill_content name="${SHOUT}">`);
  return loaded >= 0 ? v.system.slice(loaded) : undefined;
}

/** The fixture skill's catalog entry, as the agent reads it (undefined when not offered). */
function catalogEntry(v: PromptView): string | undefined {
  const at = v.system.indexOf(`<name>${SHOUT}</name>`);
  if (at < 0) return undefined;
  return v.system.slice(at, v.system.indexOf("</skill>", at));
}

/**
 * The scripted agent: activates the skill when its catalog entry mentions a word of the task
 * longer than five letters (as a model matching a description would), then answers with "!" when
 * the skill says so in general or names the task's topic (a hard-coded answer).
 */
export const shoutAgent: Script = (v) => {
  const text = skillText(v);
  const entry = catalogEntry(v);
  const words = v.user.toLowerCase().match(/[a-z]{6,}/g) ?? [];
  if (
    text === undefined &&
    entry !== undefined &&
    words.some((w) => entry.toLowerCase().includes(w))
  )
    return { call: { name: "activate_skill", input: { name: SHOUT } } };
  const topic = /topic-\d+/.exec(v.user)?.[0];
  const named = topic !== undefined && new RegExp(`${topic}\\b`).test(text ?? "");
  return { text: text?.includes(SHOUT_RULE) || named ? "Done!" : "Done." };
};

/** The current SKILL.md the proposer was given. */
export const currentOf = (v: PromptView): string =>
  /<skill_md>\n([\s\S]*?)<\/skill_md>/.exec(v.user)?.[1] ?? "";

/** Replaces the body of a SKILL.md, keeping its frontmatter. */
const withBody = (skill: string, body: string) => skill.replace(/(\n---\n)[\s\S]*$/, `$1\n${body}`);

/**
 * Proposers: `general` adds the rule (helps on every case), `overfit` hard-codes the topics of the
 * failures it was shown (helps only on those), `long` pads the file past any length limit,
 * `garbage` answers without a SKILL.md.
 */
export const SHOUT_PROPOSERS: Readonly<Record<"general" | "overfit" | "long" | "garbage", Script>> =
  {
    general: (v) => ({
      text: `<skill_md>\n${withBody(currentOf(v), `# Shout\n\n${SHOUT_RULE}\n`)}</skill_md>`,
    }),
    overfit: (v) => {
      const topics = [...new Set(v.user.match(/topic-\d+/g) ?? [])];
      const lines = topics.map((t) => `- About ${t}: answer "Done!"`).join("\n");
      return { text: `<skill_md>\n${withBody(currentOf(v), `# Shout\n\n${lines}\n`)}</skill_md>` };
    },
    long: (v) => ({
      text: `<skill_md>\n${withBody(currentOf(v), `${SHOUT_RULE}\n${"Be loud. ".repeat(400)}\n`)}</skill_md>`,
    }),
    garbage: () => ({ text: "I would rather not." }),
  };

/** A description proposer that names the trigger words (the fix for triggering). */
export const SHOUT_DESCRIBER: Script = () => ({
  text: JSON.stringify([
    "Formats answers and announcements in a house style. Use when asked to write an announcement.",
    "Formats replies.",
  ]),
});
