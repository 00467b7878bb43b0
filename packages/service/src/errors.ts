// The coded error of @skillflow/service: every refusal or failure of a building block carries a stable code.

/** An error raised by the service or one of its building blocks, with a stable machine-readable code. */
export class ServiceError extends Error {
  /** Stable machine-readable code (each building block documents its own, e.g. `QUEUE_*`). */
  readonly code: string;
  /** Data for adapters (e.g. a refused webhook's own code and HTTP status); never a secret. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: string,
    message: string,
    options?: ErrorOptions & { details?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options);
    this.name = "ServiceError";
    this.code = code;
    this.details = options?.details;
  }
}
