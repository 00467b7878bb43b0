// @skillflow/evals: the agent harness and skill evaluations.
export * from "./agent/index.js";
export * from "./eval/index.js";
export * from "./stats/index.js";
export * from "./suite/index.js";
export * from "./author/index.js";
export * from "./author/session/index.js";
export * from "./workflow-test/index.js";
export * from "./improve/index.js";
