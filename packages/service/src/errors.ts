// The coded error of @skillflow/service: every refusal or failure of a building block carries a stable code.

/** An error raised by the service or one of its building blocks, with a stable machine-readable code. */
export class ServiceError extends Error {
  /** Stable machine-readable code (each building block documents its own, e.g. `QUEUE_*`). */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ServiceError";
    this.code = code;
  }
}
