// Test helpers of @skillflow/evals: a scripted model that runs offline.
export {
  scriptedModel,
  type PromptView,
  type Script,
  type ScriptedReply,
} from "./scripted-model.js";
