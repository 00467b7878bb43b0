// Public entry of @skillflow/workflow: the workflowskill 0.5 API (§8.1–8.2) plus additive extensions.
export {
  runWorkflowSkill,
  runWorkflow,
  validateWorkflowSkill,
  validateWorkflow,
} from "./runtime/api.js";
export { parseWorkflowFromMd } from "./parse/document.js";
export { checkpointDamage } from "./runtime/checkpoint-shape.js";
export { MockToolAdapter } from "./adapters/mock.js";
export { AUTHORING_SKILL } from "./authoring.js";
export { clearWorkflowCache } from "./runtime/prepare.js";
export { DIAGNOSTIC_CODES, type DiagnosticCode } from "./diagnostics/codes.js";
export { formatDiagnostic, type Locatable } from "./diagnostics/format.js";
export { ownValue, setOwn } from "./model/objects.js";
export { parseYamlDocument, type YamlDocumentOptions } from "./parse/yaml-document.js";
export { HIDDEN_CLASS, visible } from "./diagnostics/visible.js";
export {
  MIN_INPUT_SECRET,
  REDACTED,
  SECRET_NAMES,
  containsRedacted,
  isSecretInputName,
  isSecretName,
  isSecretVariable,
  lostInputs,
  maskSecretArguments,
  maskSecretInputs,
  maskUrl,
  mayCarrySecrets,
  redactDeep,
  redactText,
  secretInputValues,
  secretValuesOf,
} from "./model/secrets.js";

export type {
  RunOptions,
  RunWorkflowSkillOptions,
  TypeCheckMode,
  ValidateWorkflowOptions,
  ValidateWorkflowSkillOptions,
  ValidateWorkflowSkillResult,
} from "./runtime/options.js";
export type {
  JsonSchema,
  ToolAdapter,
  ToolDescriptor,
  ToolHandler,
  ToolInvocationContext,
  ToolResult,
  ToolUsage,
} from "./model/adapter.js";
export type {
  EachProgressEvent,
  IterationError,
  RetryRecord,
  RunLog,
  RunLogError,
  RunStatus,
  RunSummary,
  RuntimeContext,
  StepScope,
  RuntimeEvent,
  StepCompleteEvent,
  StepErrorEvent,
  StepRecord,
  StepRetryEvent,
  StepRunStatus,
  StepSkipEvent,
  StepStartEvent,
  StepUsage,
  StepWaitingEvent,
  ValidationError,
  ValidationResult,
  WorkflowCompleteEvent,
  WorkflowResumeEvent,
  WorkflowStartEvent,
  ParentRun,
  WorkflowSuspendEvent,
} from "./model/run-log.js";
export type {
  ResolvedWorkflow,
  ResolveWorkflowContext,
  WorkflowResolver,
} from "./model/compose.js";
export { MAX_WORKFLOW_DEPTH, relativeWorkflowPath } from "./model/compose.js";
export type { RuntimeServices } from "./model/services.js";
export type {
  ApprovalOutput,
  ApproveCallback,
  Checkpoint,
  Decision,
  IterationResult,
  PendingApproval,
  ResumeOptions,
} from "./model/durable.js";
export type {
  ApprovalStep,
  ConditionalStep,
  ExitStatus,
  ExitStep,
  FieldSchema,
  OnError,
  RetryPolicy,
  SchemaType,
  SortDirection,
  Step,
  StepType,
  ToolStep,
  TransformFilterStep,
  TransformMapStep,
  TransformOperation,
  TransformSortStep,
  TransformStep,
  WorkflowDefinition,
  WorkflowInput,
  WorkflowStep,
} from "./model/schema.js";
