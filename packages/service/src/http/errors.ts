// The one error shape of the HTTP API and how service error codes map to HTTP statuses.
import { ServiceError } from "../errors.js";
import type { ServiceErrorCode, ServiceProblem } from "../service/types.js";

/** Codes the API itself answers with, beside the service's own `ServiceErrorCode`s. */
export type ApiErrorCode =
  | ServiceErrorCode
  | "UNAUTHORIZED"
  | "HOST_NOT_ALLOWED"
  | "NOT_FOUND"
  | "INVALID_JSON"
  | "INVALID_BODY"
  | "BODY_TOO_LARGE"
  | "TOO_MANY_STREAMS"
  | "CSRF_REFUSED"
  | "DASHBOARD_NOT_SERVED"
  | "SKILLS_NOT_SERVED"
  | "EVALS_NOT_SERVED"
  | "UNKNOWN_SKILL"
  | "UNKNOWN_EVAL_REPORT"
  | "EVAL_REPORT_DAMAGED"
  | "INTERNAL";

/** The body of every error response: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Readonly<Record<string, unknown>> };
}

/** A problem the API recovered from (an unexpected exception), for the host's log. */
export type ApiProblem = ServiceProblem & { error?: unknown };

/** An error the API answers with directly (bad JSON, a too-large body, a refused token). */
export class ApiError extends Error {
  /** Stable machine-readable code. */
  readonly code: ApiErrorCode;
  /** The HTTP status to answer with. */
  readonly status: number;
  /** Data for clients; never a secret. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The HTTP status of each service error code (WEBHOOK_REFUSED: its `details.httpStatus`). */
export const SERVICE_ERROR_STATUS: Readonly<Record<ServiceErrorCode, number>> = {
  UNKNOWN_RUN: 404,
  UNKNOWN_WORKFLOW: 404,
  UNKNOWN_SCHEDULE: 404,
  UNKNOWN_HOOK: 404,
  UNKNOWN_APPROVAL: 404,
  INVALID_INPUTS: 400,
  INVALID_DECISION: 400,
  INVALID_QUERY: 400,
  INVALID_WORKFLOW: 400,
  NOT_CANCELLABLE: 409,
  NOT_WAITING: 409,
  NOT_RESUMABLE: 409,
  SCHEDULE_DISABLED: 409,
  WEBHOOK_REFUSED: 400,
  QUEUE_FULL: 429,
  SERVICE_STOPPED: 503,
};

const WEBHOOK_STATUSES = new Set([400, 401, 409, 413]);

/** The body of an error response. */
export function errorBody(
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** What an error becomes on the wire, or undefined when it is unexpected (answered as INTERNAL). */
export function toResponseError(
  error: unknown,
): { status: number; body: ApiErrorBody } | undefined {
  if (error instanceof ApiError) {
    return { status: error.status, body: errorBody(error.code, error.message, error.details) };
  }
  if (!(error instanceof ServiceError) || !Object.hasOwn(SERVICE_ERROR_STATUS, error.code)) {
    return undefined;
  }
  let status = SERVICE_ERROR_STATUS[error.code as ServiceErrorCode];
  if (error.code === "WEBHOOK_REFUSED") {
    const wanted = error.details?.["httpStatus"];
    if (typeof wanted === "number" && WEBHOOK_STATUSES.has(wanted)) status = wanted;
  }
  return { status, body: errorBody(error.code, error.message, error.details) };
}

/** The body of a 500: says where to look, never the exception's text or stack. */
export const INTERNAL_BODY: ApiErrorBody = errorBody(
  "INTERNAL",
  "The server failed while handling this request; the service's log has the details. Please report it.",
);
