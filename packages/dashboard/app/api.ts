// The service's HTTP API as the dashboard uses it: same-origin requests with the session cookie
// (set by the login link), JSON in and out, and the service's error bodies as ApiFailure.

/** A run's status, as the API reports it. */
export type RunStatus =
  "queued" | "running" | "waiting" | "success" | "failed" | "cancelled" | "interrupted";

/** Where a run came from. */
export type RunTrigger =
  | { kind: "schedule"; schedule: string; fireTime: string }
  | { kind: "webhook"; hook: string; deliveryId: string }
  | { kind: "manual"; by?: string }
  | { kind: "rerun"; of: string; by?: string }
  | { kind: "mcp"; client?: string }
  | { kind: "cli" };

/** One run as listed. */
export interface RunSummary {
  id: string;
  workflow: string;
  status: RunStatus;
  startedAt: string;
  completedAt?: string;
  durationMs?: number;
  totalSteps?: number;
  stepsExecuted: number;
  trigger: RunTrigger;
  queued?: boolean;
}

/** A page of a list. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** The error body every failed API call answers. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failed call: the HTTP status and the service's code and message. */
export class ApiFailure extends Error {
  override readonly name = "ApiFailure";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API's root. */
export const API = "/api/v1";

/** Calls the API; resolves with the JSON answer or rejects with an ApiFailure. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: {
      accept: "application/json",
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The service answered ${response.status}.`,
    );
  }
  return parsed as T;
}

/** Builds a query string from the defined values. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
