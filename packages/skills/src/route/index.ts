// Public surface of skill routing: the router, its types and the tokenizer it ranks with.
export {
  DEFAULT_FIELD_WEIGHTS,
  DEFAULT_ROUTER_PARAMS,
  createRouter,
  type FieldWeights,
  type RoutableSkill,
  type RouteExplanation,
  type RouteField,
  type RouteMatch,
  type RouteOptions,
  type RouteResult,
  type RouteTerm,
  type Router,
  type RouterOptions,
  type ScoreHook,
} from "./router.js";
export {
  DECISION_FEATURES,
  DECISION_MODEL,
  DEFAULT_NO_SKILL_PARAMS,
  type DecisionFeatures,
  type DecisionModel,
  type NoMatchCode,
  type NoMatchReason,
  type NoSkillParams,
  type RouteEvidence,
} from "./decide.js";
export { tokenize, tokenizeName } from "./tokenize.js";
export { WordVectors, bundledWordVectors } from "./vectors.js";
export type { MeaningEvidence } from "./meaning.js";
export { evaluateRouter, type LabelledTask, type RoutingEvaluation } from "./evaluate.js";
