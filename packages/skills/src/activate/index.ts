// Public API of skill activation: argument substitution and command interpolation.
export {
  appendArgumentsIfUnused,
  shellQuote,
  splitArguments,
  substituteArguments,
  unusedArgumentsSuffix,
  type SubstituteOptions,
} from "./arguments.js";
export {
  ARGUMENTS_VARIABLE,
  ARGUMENT_VARIABLE_PREFIX,
  SKILL_DIR_VARIABLE,
  bindArguments,
  type BoundCommand,
  type ArgumentRefusal,
  type ArgumentRefusalReason,
} from "./bind.js";
export { findCommands, type FindOptions, type FoundCommand } from "./_find.js";
export { InterpolationError, type InterpolationErrorCode, type RunOptions } from "./_run.js";
export {
  interpolate,
  type CommandReport,
  type InterpolateOptions,
  type InterpolationResult,
} from "./interpolate.js";
