// The `@skillflow/store/testing` entry: fixtures for RunStore tests, importable without vitest.
export { testRunEvents, testRunLog, testRunStart } from "./fixtures.js";
