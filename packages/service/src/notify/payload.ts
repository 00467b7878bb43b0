// Notification payloads for one run: a generic JSON document and Slack's incoming-webhook format.
import { redactDeep, type RunLog } from "@skillflow/workflow";
import type { NotificationEvent } from "./rules.js";

/** The parts of a run log a notification reports (never its inputs or step values). */
export type NotifiedRun = Pick<RunLog, "id" | "workflow" | "status" | "started_at"> &
  Partial<
    Pick<RunLog, "completed_at" | "duration_ms" | "summary" | "outputs" | "error" | "pending">
  >;

/** How a notification is formatted. */
export type NotificationFormat = "json" | "slack";

/** Options of `notificationFor`. */
export interface NotificationOptions {
  format: NotificationFormat;
  /** Public address of the service (`https://flows.example.com`); the link is `<base>/runs/<id>`. */
  baseUrl: string;
  /** Secret values to redact from everything sent (the run's, the host's, the hook's). */
  secrets?: readonly string[];
  /** Include the run's outputs (default true); Slack shows them cut to `maxOutputChars`. */
  includeOutputs?: boolean;
  /** Longest outputs excerpt in a Slack message (default 2,000 characters). */
  maxOutputChars?: number;
}

/** The generic JSON notification (camelCase, like the service's API and events). */
export interface JsonNotification {
  event: NotificationEvent;
  text: string;
  link: string;
  run: {
    id: string;
    workflow: string;
    status: RunLog["status"];
    startedAt: string;
    completedAt?: string;
    durationMs?: number;
    stepsExecuted?: number;
    stepsSkipped?: number;
    error?: { phase: string; message: string };
    pending?: { key: string; message: string; expiresAt: string | null }[];
    outputs?: Record<string, unknown>;
  };
}

/** A Slack Block Kit text object. */
export interface SlackText {
  type: "plain_text" | "mrkdwn";
  text: string;
}

/** A Slack block as sent here: header, section or context. */
export type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text: SlackText; fields?: SlackText[] }
  | { type: "context"; elements: SlackText[] };

/** Slack's incoming-webhook message: `text` is the notification fallback, `blocks` the layout. */
export interface SlackNotification {
  text: string;
  blocks: SlackBlock[];
}

const HEADLINE: Record<NotificationEvent, string> = {
  failure: "failed",
  success: "succeeded",
  change: "succeeded with changed outputs",
  waiting: "is waiting for an approval",
};

/** The link to a run under `baseUrl` (a trailing slash or a path prefix is kept). */
export function runLink(baseUrl: string, runId: string): string {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return new URL(`runs/${encodeURIComponent(runId)}`, base).href;
}

function jsonPayload(
  event: NotificationEvent,
  run: NotifiedRun,
  options: NotificationOptions,
): JsonNotification {
  const payload: JsonNotification = {
    event,
    text: `Workflow ${run.workflow} ${HEADLINE[event]} (run ${run.id})`,
    link: runLink(options.baseUrl, run.id),
    run: { id: run.id, workflow: run.workflow, status: run.status, startedAt: run.started_at },
  };
  const r = payload.run;
  if (run.completed_at !== undefined) r.completedAt = run.completed_at;
  if (run.duration_ms !== undefined) r.durationMs = run.duration_ms;
  if (run.summary !== undefined) {
    r.stepsExecuted = run.summary.steps_executed;
    r.stepsSkipped = run.summary.steps_skipped;
  }
  if (run.error !== undefined) r.error = { phase: run.error.phase, message: run.error.message };
  if (run.pending !== undefined && run.pending.length > 0) {
    r.pending = run.pending.map((p) => ({
      key: p.key,
      message: p.message,
      expiresAt: p.expires_at,
    }));
  }
  if (options.includeOutputs !== false && run.outputs !== undefined) r.outputs = run.outputs;
  return payload;
}

/** Slack reads `&`, `<` and `>` as markup (`<!channel>` pings everyone): escape them in data. */
export function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function slackPayload(json: JsonNotification, options: NotificationOptions): SlackNotification {
  const { run } = json;
  const fields: SlackText[] = [
    { type: "mrkdwn", text: `*Workflow*\n${slackEscape(run.workflow)}` },
    { type: "mrkdwn", text: `*Status*\n${run.status}` },
  ];
  if (run.durationMs !== undefined)
    fields.push({ type: "mrkdwn", text: `*Duration*\n${run.durationMs} ms` });
  const lines: string[] = [];
  if (run.error !== undefined)
    lines.push(`*Error* (${run.error.phase}): ${slackEscape(cut(run.error.message, 1000))}`);
  for (const p of run.pending ?? []) {
    lines.push(`*Approval* \`${slackEscape(p.key)}\`: ${slackEscape(cut(p.message, 500))}`);
  }
  if (run.outputs !== undefined) {
    const text = cut(JSON.stringify(run.outputs, null, 2), options.maxOutputChars ?? 2000);
    lines.push(`*Outputs*\n\`\`\`${slackEscape(text)}\`\`\``);
  }
  lines.push(`<${json.link}|Open run ${slackEscape(run.id)}>`);
  return {
    text: slackEscape(json.text),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(json.text, 150) } },
      { type: "section", text: { type: "mrkdwn", text: cut(lines.join("\n"), 3000) }, fields },
      { type: "context", elements: [{ type: "mrkdwn", text: `Started ${run.startedAt}` }] },
    ],
  };
}

/**
 * The notification for `event` about `run`, in the JSON or Slack format, with a link built from
 * `baseUrl`; every given secret value is redacted from the whole payload before it is returned.
 */
export function notificationFor(
  event: NotificationEvent,
  run: NotifiedRun,
  options: NotificationOptions & { format: "json" },
): JsonNotification;
export function notificationFor(
  event: NotificationEvent,
  run: NotifiedRun,
  options: NotificationOptions & { format: "slack" },
): SlackNotification;
export function notificationFor(
  event: NotificationEvent,
  run: NotifiedRun,
  options: NotificationOptions,
): JsonNotification | SlackNotification;
export function notificationFor(
  event: NotificationEvent,
  run: NotifiedRun,
  options: NotificationOptions,
): JsonNotification | SlackNotification {
  // Redact first, so a secret split by escaping or cutting still cannot leak.
  const json = redactDeep(jsonPayload(event, run, options), options.secrets ?? []);
  return options.format === "slack"
    ? redactDeep(slackPayload(json, options), options.secrets ?? [])
    : json;
}
