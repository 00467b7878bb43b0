// Skill documents: parsing, field checks, validation and token estimates.
export {
  formatSkillDiagnostic,
  type SkillDiagnostic,
  type SkillDiagnosticCode,
} from "./diagnostics.js";
export {
  AGENT_FIELDS,
  LIMITS,
  NAME_PATTERN,
  SPEC_FIELDS,
  type SkillFrontmatter,
} from "./fields.js";
export {
  parseSkill,
  type ParseSkillOptions,
  type ParsedSkill,
  type SkillValidationLevel,
} from "./parse.js";
export { defaultTokenCounter, type TokenCounter } from "./tokens.js";
export { validateSkill, type SkillValidation, type ValidateSkillOptions } from "./validate.js";
