// The `@skillflow/workflow/testing` entry: test services and the shared ToolAdapter contract suite.
export {
  createTestServices,
  seededRandom,
  type TestServices,
  type TestServicesOptions,
} from "./clock.js";
export {
  describeToolAdapterContract,
  type FailingCallFixture,
  type SuccessfulCallFixture,
  type ToolAdapterContractSetup,
  type ToolCallFixture,
} from "./contract.js";
