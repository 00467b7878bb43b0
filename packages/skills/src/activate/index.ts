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
  findCommands,
  interpolate,
  InterpolationError,
  type CommandReport,
  type FindOptions,
  type FoundCommand,
  type InterpolateOptions,
  type InterpolationErrorCode,
  type InterpolationResult,
} from "./interpolate.js";
