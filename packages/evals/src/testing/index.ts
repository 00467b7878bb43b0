// Test helpers of @skillflow/evals: scripted models that run offline.
export {
  scriptedModel,
  type PromptView,
  type Script,
  type ScriptedReply,
} from "./scripted-model.js";
export { COMMIT_SCRIPTS, commitMessageModels, commitTypeFor } from "./commit-models.js";
export {
  SHOUT,
  SHOUT_DESCRIBER,
  SHOUT_PROPOSERS,
  SHOUT_RULE,
  shoutAgent,
  shoutSkill,
  writeShoutSkill,
} from "./improve-models.js";
