// The closed set of diagnostic codes: stable identifiers for every parse, validate and input problem.

/** Every code a diagnostic can carry. Codes are stable: tools and tests match on them. */
export const DIAGNOSTIC_CODES = [
  // parse phase (§5.1)
  "EMPTY_CONTENT",
  "NO_WORKFLOW_BLOCK",
  "MULTIPLE_WORKFLOW_BLOCKS",
  "YAML_SYNTAX",
  "YAML_TAB_INDENT",
  "YAML_DUPLICATE_KEY",
  "YAML_MULTIPLE_DOCUMENTS",
  "DOCUMENT_TOO_LARGE",
  "TOO_MANY_PROBLEMS",
  "INVALID_ROOT",
  "MISSING_FIELD",
  "INVALID_FIELD_TYPE",
  "INVALID_VALUE",
  "UNKNOWN_STEP_TYPE",
  "UNKNOWN_OPERATION",
  "EMPTY_STEPS",
  "STEP_INPUT_DEFAULT",
  "INVALID_FRONTMATTER",
  // validate phase (§5.2)
  "DUPLICATE_STEP_ID",
  "EACH_ON_EXIT",
  "EACH_ON_CONDITIONAL",
  "DELAY_WITHOUT_EACH",
  "UNKNOWN_TOOL",
  "UNDEFINED_STEP_REFERENCE",
  "FORWARD_REFERENCE",
  "STEPS_IN_STEP_OUTPUT",
  "UNDEFINED_BRANCH_TARGET",
  "RESULT_IN_WORKFLOW_OUTPUT",
  "CYCLE",
  "INVALID_DURATION",
  "ZERO_TIMEOUT",
  "CONCURRENCY_WITHOUT_EACH",
  "BRANCH_RECURSION",
  // approvals (§13.4, §13.9.3)
  "APPROVAL_FIELD",
  "ON_TIMEOUT_WITHOUT_TIMEOUT",
  // expressions checked before running (§12 D2)
  "EXPRESSION_SYNTAX",
  "EXPRESSION_TOO_DEEP",
  "UNKNOWN_REFERENCE",
  "ITEM_OUTSIDE_EACH",
  "RESULT_OUTSIDE_OUTPUT",
  "UNDECLARED_INPUT",
  // [EXT] §13.3: a `$steps.<id>` member other than output, status, error
  "UNKNOWN_STEP_MEMBER",
  // types (§12 D1)
  "TYPE_MISMATCH",
  "MISSING_INPUT",
  "INPUT_TYPE",
  // sub-workflows (§13.5, §13.9.12)
  "WORKFLOW_UNRESOLVED",
  "WORKFLOW_CYCLE",
  "WORKFLOW_DEPTH",
  "UNKNOWN_CHILD_INPUT",
  "MISSING_CHILD_INPUT",
] as const;

/** A stable diagnostic code. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
