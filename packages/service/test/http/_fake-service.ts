// A fake Service for the HTTP API tests: canned answers, recorded calls, injectable failures and events.
import { ServiceError } from "../../src/errors.js";
import type {
  HookRequest,
  RunRef,
  ScheduleInfo,
  Service,
  ServiceEvent,
} from "../../src/service/types.js";

/** One recorded call: the method name and its arguments. */
export interface Call {
  method: string;
  args: unknown[];
}

/** A fake service plus its test controls. */
export interface FakeService extends Service {
  calls: Call[];
  /** The next call of `method` throws `error`. */
  failNext(method: string, error: unknown): void;
  /** Sends an event to the subscribers. */
  emit(event: ServiceEvent): void;
  listenerCount(): number;
  lastHook: HookRequest | undefined;
}

const schedule: ScheduleInfo = {
  name: "daily",
  workflow: "check-site",
  cron: "0 9 * * *",
  timezone: "UTC",
  enabled: true,
  paused: false,
  overlap: "skip",
  missed: "skip",
  next: ["2026-02-01T09:00:00.000Z"],
};

/** A fake service answering every method from fixed data. */
export function fakeService(): FakeService {
  const listeners = new Set<(event: ServiceEvent) => void>();
  const failures = new Map<string, unknown>();
  const fake: Partial<FakeService> & { calls: Call[] } = { calls: [], lastHook: undefined };
  const answer =
    <T>(method: string, value: T) =>
    (...args: unknown[]): Promise<T> => {
      fake.calls.push({ method, args });
      if (failures.has(method)) {
        const error = failures.get(method);
        failures.delete(method);
        // Non-Error values are thrown on purpose: the API must answer them too.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return Promise.reject(error);
      }
      return Promise.resolve(value);
    };
  const ref = (status: RunRef["status"]): RunRef => ({ runId: "run-1", status });
  Object.assign(fake, {
    start: answer("start", undefined),
    stop: answer("stop", undefined),
    idle: answer("idle", undefined),
    listWorkflows: answer("listWorkflows", [
      { name: "check-site", source: "/p/check-site/SKILL.md", inputs: {}, outputs: {} },
    ]),
    startRun: answer("startRun", ref("queued")),
    listRuns: answer("listRuns", {
      items: [
        {
          id: "run-1",
          workflow: "check-site",
          status: "success",
          startedAt: "2026-01-31T09:00:00.000Z",
          stepsExecuted: 1,
          stepsSkipped: 0,
          trigger: { kind: "manual" },
        },
      ],
      next: "cursor-2",
    }),
    getRun: answer("getRun", {
      id: "run-1",
      workflow: "check-site",
      status: "success",
      startedAt: "2026-01-31T09:00:00.000Z",
      stepsExecuted: 1,
      stepsSkipped: 0,
      verbosity: "full",
      steps: [],
      trigger: { kind: "manual" },
      notifications: [],
      decisions: [],
    }),
    cancelRun: answer("cancelRun", ref("cancelled")),
    rerun: answer("rerun", { runId: "run-2", status: "queued" }),
    resumeRun: answer("resumeRun", ref("queued")),
    listApprovals: answer("listApprovals", [
      {
        key: "confirm",
        stepId: "confirm",
        path: ["confirm"],
        message: "Ship it?",
        expires_at: null,
        response: {},
        runId: "run-1",
        workflow: "check-site",
        expired: false,
      },
    ]),
    decide: answer("decide", ref("queued")),
    listSchedules: answer("listSchedules", [schedule]),
    pauseSchedule: answer("pauseSchedule", { ...schedule, paused: true, next: [] }),
    resumeSchedule: answer("resumeSchedule", schedule),
    triggerSchedule: answer("triggerSchedule", ref("queued")),
    subscribe(listener: (event: ServiceEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    failNext: (method: string, error: unknown) => failures.set(method, error),
    emit: (event: ServiceEvent) => listeners.forEach((listener) => listener(event)),
    listenerCount: () => listeners.size,
  });
  const receive = answer("receiveHook", ref("queued"));
  fake.receiveHook = (name: string, request: HookRequest) => {
    fake.lastHook = request;
    return receive(name, request);
  };
  return fake as FakeService;
}

/** A ServiceError with `code`, as the real service throws. */
export const serviceError = (code: string, details?: Record<string, unknown>): ServiceError =>
  new ServiceError(code, `refused: ${code}`, details === undefined ? {} : { details });
