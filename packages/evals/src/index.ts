// @skillflow/evals: the agent harness and skill evaluations.
export * from "./agent/index.js";
