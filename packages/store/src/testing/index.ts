// The `@skillflow/store/testing` entry: fixtures for RunStore tests, importable without vitest.
export {
  testCheckpoint,
  testPendingApproval,
  testRunEvents,
  testRunLog,
  testRunStart,
  testWaitingLog,
} from "./fixtures.js";
