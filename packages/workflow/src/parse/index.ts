// The parse layer's public surface: locating, parsing and checking workflow documents.
export { ParseError, type ParseErrorDetail } from "./errors.js";
export {
  parseWorkflowDocument,
  parseWorkflowFromMd,
  parseWorkflowYaml,
  sourceMapOf,
  type ParseFailure,
  type ParseOptions,
  type ParseOutcome,
  type ParseSuccess,
  parseSkillMd,
  FRONTMATTER_REQUIRED_MESSAGE,
  type ParsedSkill,
  type SkillFrontmatter,
} from "./document.js";
export {
  locateWorkflow,
  EMPTY_CONTENT_MESSAGE,
  MAX_CONTENT_LENGTH,
  NO_WORKFLOW_BLOCK_MESSAGE,
  type LocateFailure,
  type LocateOptions,
  type LocatedWorkflow,
} from "./locate.js";
export type { Frontmatter, FrontmatterSpan } from "./frontmatter.js";
export { MAX_ALIAS_COUNT, MAX_YAML_DEPTH, MAX_YAML_LENGTH } from "./yaml.js";
export { decodeWorkflow, VALIDATION_FAILED_MESSAGE, type DecodeResult } from "./workflow.js";
export { locateNearest } from "./source-map.js";
export { workflowJsonSchema, renderWorkflowJsonSchema, WORKFLOW_SCHEMA_ID } from "./json-schema.js";
