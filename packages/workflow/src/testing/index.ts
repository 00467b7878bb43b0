// The `@skillflow/workflow/testing` entry: test services (virtual clock, ids, seeded random), importable without vitest.
export {
  createTestServices,
  seededRandom,
  type TestServices,
  type TestServicesOptions,
} from "./clock.js";
