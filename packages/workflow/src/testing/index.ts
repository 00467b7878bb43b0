// The `@skillflow/workflow/testing` entry: test services (virtual clock, ids), importable without vitest.
export { createTestServices, type TestServices } from "./clock.js";
