// Error classes of the reference API kept for drop-in compatibility (§8.3).

/** Where a step error came from. */
export interface StepErrorContext {
  tool?: string;
  expression?: string;
}

/** Thrown by the single-step executors; `retriable` tells whether a retry policy applies. */
export class StepExecutionError extends Error {
  readonly retriable: boolean;
  readonly context: StepErrorContext | undefined;

  constructor(message: string, retriable = false, context?: StepErrorContext) {
    super(message);
    this.name = "StepExecutionError";
    this.retriable = retriable;
    this.context = context;
  }
}

/** An unexpected failure of a whole workflow run. */
export class WorkflowExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkflowExecutionError";
  }
}
