// JSON Schemas of the data the API answers with (the service contract's types), for the OpenAPI document.
import { DASHBOARD_SCHEMAS } from "./_components-dashboard.js";
import type { JsonSchema } from "./_schema.js";

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str: JsonSchema = { type: "string" };
const dateTime: JsonSchema = { type: "string", format: "date-time" };
const anyObject: JsonSchema = { type: "object", additionalProperties: true };

/** Where a component schema is referenced from. */
export const schemaRef = ref;

/** The statuses of a run, queued included. */
export const RUN_STATUSES = [
  "queued",
  "running",
  "waiting",
  "success",
  "failed",
  "cancelled",
  "interrupted",
] as const;

const runStatus: JsonSchema = { type: "string", enum: RUN_STATUSES };

const runTrigger: JsonSchema = {
  description: "How a run was started; `kind` tells which fields are present.",
  type: "object",
  required: ["kind"],
  properties: {
    kind: { type: "string", enum: ["schedule", "webhook", "manual", "rerun", "mcp", "cli"] },
    schedule: str,
    fireTime: dateTime,
    hook: str,
    deliveryId: str,
    of: { type: "string", description: "The run this one reruns." },
    by: str,
    client: { type: "string", description: "The MCP client that started it (its name)." },
  },
};

const pendingApproval: JsonSchema = {
  type: "object",
  required: ["key", "stepId", "path", "message", "expires_at", "response"],
  properties: {
    key: { type: "string", description: "Step id, or the path joined with `/` in sub-workflows." },
    stepId: str,
    path: { type: "array", items: str },
    message: str,
    expires_at: {
      description: "Deadline (ISO 8601) or null.",
      oneOf: [dateTime, { type: "null" }],
    },
    response: { ...anyObject, description: "The declared response fields (a form)." },
  },
};

const runRow: Record<string, JsonSchema> = {
  id: str,
  workflow: str,
  source: str,
  status: runStatus,
  startedAt: dateTime,
  completedAt: dateTime,
  durationMs: { type: "integer" },
  totalSteps: { type: "integer" },
  stepsExecuted: { type: "integer" },
  stepsSkipped: { type: "integer" },
  error: anyObject,
  pending: { type: "array", items: pendingApproval },
  trigger: ref("RunTrigger"),
  queued: { type: "boolean", description: "In the queue, not begun yet." },
};
const runRowRequired = [
  "id",
  "workflow",
  "status",
  "startedAt",
  "stepsExecuted",
  "stepsSkipped",
  "trigger",
];

/** `components.schemas` of the OpenAPI document. */
export const COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", description: "Stable machine-readable code." },
          message: { type: "string", description: "What was wrong and how to fix it." },
          details: anyObject,
        },
      },
    },
  },
  Health: {
    type: "object",
    required: ["ok", "version"],
    properties: { ok: { type: "boolean" }, version: str },
  },
  RunTrigger: runTrigger,
  RunRef: {
    type: "object",
    required: ["runId", "status"],
    properties: { runId: str, status: runStatus },
  },
  WorkflowInfo: {
    type: "object",
    required: ["name", "source", "inputs", "outputs"],
    properties: { name: str, description: str, source: str, inputs: anyObject, outputs: anyObject },
  },
  RunSummary: { type: "object", required: runRowRequired, properties: runRow },
  RunPage: {
    type: "object",
    required: ["items"],
    properties: {
      items: { type: "array", items: ref("RunSummary") },
      next: { type: "string", description: "Cursor of the next page; absent on the last." },
    },
  },
  RunDetail: {
    type: "object",
    required: [...runRowRequired, "verbosity", "steps", "notifications", "decisions"],
    properties: {
      ...runRow,
      verbosity: str,
      inputs: anyObject,
      outputs: anyObject,
      steps: { type: "array", items: anyObject },
      notifications: {
        type: "array",
        items: {
          type: "object",
          required: ["event", "at", "result"],
          properties: { event: str, at: dateTime, result: anyObject },
        },
      },
      decisions: {
        type: "array",
        description: "Decisions sent for the run's approvals, oldest first.",
        items: {
          type: "object",
          required: ["key", "approved", "by", "note", "at"],
          properties: {
            key: str,
            approved: { type: "boolean" },
            by: { oneOf: [str, { type: "null" }] },
            note: { oneOf: [str, { type: "null" }] },
            at: dateTime,
          },
        },
      },
    },
  },
  ApprovalInfo: {
    ...pendingApproval,
    required: [...(pendingApproval.required ?? []), "runId", "workflow", "expired"],
    properties: {
      ...pendingApproval.properties,
      runId: str,
      workflow: str,
      expired: { type: "boolean" },
    },
  },
  ScheduleInfo: {
    type: "object",
    required: [
      "name",
      "workflow",
      "cron",
      "timezone",
      "enabled",
      "paused",
      "overlap",
      "missed",
      "next",
    ],
    properties: {
      name: str,
      workflow: str,
      cron: str,
      timezone: str,
      enabled: { type: "boolean" },
      paused: { type: "boolean" },
      overlap: str,
      missed: str,
      next: { type: "array", items: dateTime },
      lastRun: {
        type: "object",
        required: ["runId", "status", "startedAt"],
        properties: { runId: str, status: runStatus, startedAt: dateTime },
      },
    },
  },
  ServiceEvent: {
    description:
      "One event of the `/events` stream (the `data` of a server-sent event; `id` is `seq`).",
    type: "object",
    required: ["seq", "at", "kind"],
    properties: {
      seq: { type: "integer" },
      at: dateTime,
      kind: {
        type: "string",
        enum: ["run_queued", "run_event", "run_finished", "schedule_changed"],
      },
      runId: str,
      workflow: str,
      trigger: ref("RunTrigger"),
      event: { ...anyObject, description: "A runtime event (`run_event`)." },
      status: runStatus,
      schedule: str,
      paused: { type: "boolean" },
    },
  },
  ...DASHBOARD_SCHEMAS,
};
