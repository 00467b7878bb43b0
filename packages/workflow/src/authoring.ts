// AUTHORING_SKILL: the package's authoring guide for LLMs (skill/SKILL.md) as a string constant (§8.1).
import { AUTHORING_SKILL_TEXT } from "./authoring-skill.generated.js";

/**
 * A SKILL.md document (frontmatter `name: workflow-author`) that teaches an LLM to write valid
 * WorkflowSkill workflows, extensions included. Identical to the package file `skill/SKILL.md`.
 */
export const AUTHORING_SKILL: string = AUTHORING_SKILL_TEXT;
