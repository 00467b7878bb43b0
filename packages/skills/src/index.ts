// @skillflow/skills: skill documents, discovery, progressive disclosure, interpolation, routing and sharing.
export * from "./document/index.js";
export * from "./discover/index.js";
export * from "./disclose/index.js";
export * from "./activate/index.js";
export * from "./route/index.js";
export * from "./share/index.js";
export {
  DEFAULT_TRUST,
  SkillLibrary,
  SkillNotFoundError,
  type Activation,
  type ActivateOptions,
  type SkillLibraryOptions,
  type TrustPolicy,
} from "./library.js";
export {
  MAX_SKILL_FILE_BYTES,
  SkillFileError,
  readSkillFile,
  readSkillFileSync,
  type SkillFileErrorCode,
} from "./read-file.js";
