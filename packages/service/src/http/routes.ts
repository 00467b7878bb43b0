// The route table of the HTTP API: every route once, read both by the app (`createApiApp`) and by the
// OpenAPI document (`openApiDocument`), so the two cannot drift apart.
import { RUN_STATUSES, schemaRef } from "./_components.js";
import { sessionOf } from "./_login.js";
import { API_PREFIX, type RouteDef, type RouteInput } from "./_route-types.js";
import { DASHBOARD_ROUTES } from "./_routes-dashboard.js";
import type { JsonSchema } from "./_schema.js";
import { eventStream } from "./_sse.js";
import { MAX_DECISION_NOTE } from "../service/approvals.js";
import type { DecisionInput } from "../service/types.js";

export { API_PREFIX, type ApiContext, type RouteDef, type RouteInput } from "./_route-types.js";

const inputsSchema: JsonSchema = {
  type: "object",
  additionalProperties: true,
  description: "Inputs by name, checked against the workflow's declared inputs.",
};
const byField: JsonSchema = { type: "string", description: "Who asked (recorded with the run)." };
const inputsBody = (extra: Record<string, JsonSchema> = {}): NonNullable<RouteDef["body"]> => ({
  required: false,
  schema: {
    type: "object",
    additionalProperties: false,
    properties: { inputs: inputsSchema, ...extra },
  },
});
const body = <T>(input: RouteInput): T => input.body as T;
const p = (input: RouteInput, name: string): string => input.params[name] as string;
const runIdParam = { id: "The run id." };
const scheduleParam = { name: "The schedule name." };
const runRef = {
  status: 202 as const,
  description: "The run and where it is.",
  schema: schemaRef("RunRef"),
};
const scheduleInfo = {
  status: 200 as const,
  description: "The schedule.",
  schema: schemaRef("ScheduleInfo"),
};
const arrayOf = (name: string): JsonSchema => ({ type: "array", items: schemaRef(name) });

function hookRoute(path: string, operationId: string, summary: string): RouteDef {
  return {
    method: "POST",
    path,
    operationId,
    summary,
    tag: "hooks",
    auth: "signature",
    params: { name: "The hook name (`hooks` in the config)." },
    body: "raw",
    response: runRef,
    errors: [400, 401, 404, 409, 413, 429, 503],
    handle: ({ service }, input) =>
      service.receiveHook(p(input, "name"), {
        headers: input.c.req.raw.headers,
        rawBody: input.raw,
      }),
  };
}

/** Every route of the API. */
export const ROUTES: readonly RouteDef[] = [
  {
    method: "GET",
    path: `${API_PREFIX}/health`,
    operationId: "getHealth",
    summary: "Whether the service answers, and its version (no token needed).",
    tag: "service",
    auth: "none",
    response: { status: 200, description: "It answers.", schema: schemaRef("Health") },
    errors: [],
    handle: ({ version }) => Promise.resolve({ ok: true, version }),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/openapi.json`,
    operationId: "getOpenApi",
    summary: "This API's OpenAPI 3.1 document (no token needed).",
    tag: "service",
    auth: "none",
    response: { status: 200, description: "The document.", schema: { type: "object" } },
    errors: [],
    handle: ({ openapi }) => Promise.resolve(openapi),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/workflows`,
    operationId: "listWorkflows",
    summary: "The runnable workflows, sorted by name.",
    tag: "workflows",
    auth: "bearer",
    response: { status: 200, description: "The workflows.", schema: arrayOf("WorkflowInfo") },
    errors: [503],
    handle: ({ service }) => service.listWorkflows(),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/workflows/:name/runs`,
    operationId: "startRun",
    summary: "Starts a run of a workflow (queued).",
    tag: "workflows",
    auth: "bearer",
    params: { name: "The workflow name (a skill name, or a path; URL-encoded)." },
    body: inputsBody({ by: byField }),
    response: runRef,
    errors: [400, 404, 429, 503],
    handle: ({ service }, input) => {
      const { inputs, by } = body<{ inputs?: Record<string, unknown>; by?: string }>(input);
      return service.startRun({
        workflow: p(input, "name"),
        ...(inputs === undefined ? {} : { inputs }),
        trigger: by === undefined ? { kind: "manual" } : { kind: "manual", by },
      });
    },
  },
  {
    method: "GET",
    path: `${API_PREFIX}/runs`,
    operationId: "listRuns",
    summary: "Runs, newest first, filtered and paged (`next` is the cursor of the following page).",
    tag: "runs",
    auth: "bearer",
    query: {
      status: { type: "string", enum: RUN_STATUSES },
      workflow: { type: "string", minLength: 1 },
      schedule: { type: "string", minLength: 1 },
      since: {
        type: "string",
        format: "date-time",
        description: "Started at or after (inclusive).",
      },
      until: {
        type: "string",
        format: "date-time",
        description: "Started at or before (inclusive).",
      },
      limit: { type: "integer", minimum: 1, maximum: 200, description: "Page size (default 50)." },
      cursor: { type: "string", minLength: 1, description: "`next` of the previous page." },
    },
    response: { status: 200, description: "One page of runs.", schema: schemaRef("RunPage") },
    errors: [400, 503],
    handle: ({ service }, input) => service.listRuns(input.query),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/runs/:id`,
    operationId: "getRun",
    summary: "One run with its steps, inputs, outputs, pending approvals and notifications.",
    tag: "runs",
    auth: "bearer",
    params: runIdParam,
    response: { status: 200, description: "The run.", schema: schemaRef("RunDetail") },
    errors: [404, 503],
    handle: ({ service }, input) => service.getRun(p(input, "id")),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/runs/:id/cancel`,
    operationId: "cancelRun",
    summary: "Cancels a queued, running or waiting run.",
    tag: "runs",
    auth: "bearer",
    params: runIdParam,
    response: { ...runRef, status: 200 },
    errors: [404, 409, 503],
    handle: ({ service }, input) => service.cancelRun(p(input, "id")),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/runs/:id/rerun`,
    operationId: "rerun",
    summary:
      "Starts a new run of the same workflow with the same inputs, or with `inputs` instead.",
    tag: "runs",
    auth: "bearer",
    params: runIdParam,
    body: inputsBody({ by: byField }),
    response: runRef,
    errors: [400, 404, 429, 503],
    handle: ({ service }, input) => service.rerun(p(input, "id"), body<object>(input)),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/runs/:id/resume`,
    operationId: "resumeRun",
    summary: "Resumes an interrupted run from its checkpoint.",
    tag: "runs",
    auth: "bearer",
    params: runIdParam,
    response: runRef,
    errors: [404, 409, 503],
    handle: ({ service }, input) => service.resumeRun(p(input, "id")),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/approvals`,
    operationId: "listApprovals",
    summary: "The pending approvals of all runs.",
    tag: "approvals",
    auth: "bearer",
    response: { status: 200, description: "The approvals.", schema: arrayOf("ApprovalInfo") },
    errors: [503],
    handle: ({ service }) => service.listApprovals(),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/runs/:id/approvals/:key`,
    operationId: "decide",
    summary: "Decides a pending approval; the run continues in the queue.",
    tag: "approvals",
    auth: "bearer",
    params: { ...runIdParam, key: "The approval key (URL-encoded: `digests%2F2%2Fconfirm`)." },
    body: {
      required: true,
      schema: {
        type: "object",
        additionalProperties: false,
        required: ["approved"],
        properties: {
          approved: { type: "boolean" },
          response: {
            type: "object",
            additionalProperties: true,
            description: "Values of the declared response fields.",
          },
          by: byField,
          note: {
            type: "string",
            maxLength: MAX_DECISION_NOTE,
            description: "Why: kept with the run's decisions (not given to the workflow).",
          },
        },
      },
    },
    response: runRef,
    errors: [400, 404, 409, 503],
    handle: ({ service }, input) =>
      service.decide(p(input, "id"), p(input, "key"), body<DecisionInput>(input)),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/schedules`,
    operationId: "listSchedules",
    summary: "The schedules with their next fire times and last run.",
    tag: "schedules",
    auth: "bearer",
    response: { status: 200, description: "The schedules.", schema: arrayOf("ScheduleInfo") },
    errors: [503],
    handle: ({ service }) => service.listSchedules(),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/schedules/:name/pause`,
    operationId: "pauseSchedule",
    summary: "Pauses a schedule (runtime state; the config is unchanged).",
    tag: "schedules",
    auth: "bearer",
    params: scheduleParam,
    response: scheduleInfo,
    errors: [404, 503],
    handle: ({ service }, input) => service.pauseSchedule(p(input, "name")),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/schedules/:name/resume`,
    operationId: "resumeSchedule",
    summary: "Resumes a paused schedule.",
    tag: "schedules",
    auth: "bearer",
    params: scheduleParam,
    response: scheduleInfo,
    errors: [404, 503],
    handle: ({ service }, input) => service.resumeSchedule(p(input, "name")),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/schedules/:name/trigger`,
    operationId: "triggerSchedule",
    summary: "Starts a run of the schedule now (its overlap policy applies).",
    tag: "schedules",
    auth: "bearer",
    params: scheduleParam,
    body: inputsBody(),
    response: runRef,
    errors: [400, 404, 409, 429, 503],
    handle: ({ service }, input) => service.triggerSchedule(p(input, "name"), body<object>(input)),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/events`,
    operationId: "streamEvents",
    summary:
      "Server-sent events of runs and schedules: `data` is a ServiceEvent, `id` its `seq`; comment " +
      "heartbeats; a reconnect with Last-Event-ID replays the kept events, or sends `event: resync` " +
      "when some are gone (refetch the lists).",
    tag: "events",
    auth: "bearer",
    response: {
      status: 200,
      description: "An endless event stream.",
      contentType: "text/event-stream",
      schema: schemaRef("ServiceEvent"),
    },
    errors: [400, 503],
    handle: ({ sse }, input) =>
      Promise.resolve(
        eventStream(input.c, sse, input.via === "cookie" ? sessionOf(input.c.req.raw) : undefined),
      ),
  },
  hookRoute(
    `${API_PREFIX}/hooks/:name`,
    "receiveHook",
    "Starts the hook's workflow from a signed request (HMAC signature header, no token).",
  ),
  hookRoute(
    "/hooks/:name",
    "receiveHookShort",
    "The same as `/api/v1/hooks/{name}` (the short address).",
  ),
  ...DASHBOARD_ROUTES,
];
