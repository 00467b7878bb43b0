// Workflow tests for CI: recordings of real runs, test files beside the skill, offline runs and diffs.
export {
  RECORDING_FORMAT,
  RECORDING_VERSION,
  RecordedCallSchema,
  RecordingSchema,
  recordingFixtures,
  type RecordedCall,
  type Recording,
} from "./recording.js";
export { CallRecorder } from "./recorder.js";
export {
  ExpectationSchema,
  TESTS_FOLDER,
  WorkflowTestSchema,
  type Expectation,
  type WorkflowTestFile,
} from "./schema.js";
export {
  formatWorkflowTestDiagnostic,
  type WorkflowTestDiagnostic,
  type WorkflowTestDiagnosticCode,
} from "./diagnostics.js";
export {
  loadWorkflowTests,
  readRecording,
  type LoadedWorkflowTest,
  type LoadedWorkflowTests,
} from "./load.js";
export { diffOutputs, formatDifference, type DiffOptions, type OutputDifference } from "./diff.js";
export {
  runWorkflowTests,
  type WorkflowTestFailure,
  type WorkflowTestOptions,
  type WorkflowTestReport,
  type WorkflowTestResult,
} from "./run.js";
export { writeExpectations } from "./update.js";
export { createWorkflowTest, WorkflowTestInitError, type CreatedWorkflowTest } from "./init.js";
