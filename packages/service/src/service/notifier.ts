// After a run: picks the notification rules, sends to each target, records every attempt; never throws.
import { redactDeep, type RunLog } from "@skillflow/workflow";
import { notificationFor } from "../notify/payload.js";
import { shouldNotify, type NotificationEvent } from "../notify/rules.js";
import { sendNotification, type NotificationResult } from "../notify/send.js";
import type { ServiceStateStore } from "./state.js";
import type {
  NotificationRecord,
  NotificationSettings,
  NotificationTargetSpec,
  ServiceProblem,
} from "./types.js";

/** What `createNotifier` needs; the clock and the sender are injected. */
export interface NotifierOptions {
  /** The service's default settings, used by runs without a schedule and schedules without their own. */
  defaults?: NotificationSettings;
  /** Settings by schedule name; a schedule listed here uses only these. */
  perSchedule?: ReadonlyMap<string, NotificationSettings>;
  /** Secret values redacted from every payload and record. */
  secrets?: readonly string[];
  /** Public address for the run links. */
  baseUrl: string;
  /** Allow targets on loopback/private networks. */
  allowPrivateNetwork?: boolean;
  /** Timeout per delivery (default that of `sendNotification`). */
  timeoutMs?: number;
  state: ServiceStateStore;
  /** The outputs of the last successful run of `workflow` before `runId` (undefined: none). */
  previousOutputs: (
    workflow: string,
    runId: string,
  ) => Promise<Record<string, unknown> | undefined>;
  send?: typeof sendNotification;
  /** Told of each failed delivery and of records that could not be stored. */
  onProblem?: (problem: ServiceProblem) => void;
  now: () => number;
}

/** Sends the notifications of finished (or waiting) runs. */
export interface Notifier {
  /**
   * Notifies about `log` under the rules of `context.schedule` (else the defaults), one
   * notification per target, each attempt recorded with `state.addNotification` (host only, never
   * the URL). Never throws: a failed notification is recorded and reported, the run is unaffected.
   */
  afterRun(log: RunLog, context: { schedule?: string }): Promise<void>;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates a notifier over the given settings; see `Notifier.afterRun`. */
export function createNotifier(options: NotifierOptions): Notifier {
  const secrets = options.secrets ?? [];
  const send = options.send ?? sendNotification;
  const report = (problem: ServiceProblem): void => {
    try {
      options.onProblem?.(redactDeep(problem, secrets));
    } catch {
      // A failing problem sink must not fail the run either.
    }
  };

  function settingsFor(schedule: string | undefined): NotificationSettings | undefined {
    const own = schedule === undefined ? undefined : options.perSchedule?.get(schedule);
    return own ?? options.defaults;
  }

  async function previous(
    log: RunLog,
    schedule: string | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      return await options.previousOutputs(log.workflow, log.id);
    } catch (error) {
      // Unknown previous outputs count as none: the run is reported as a change rather than lost.
      report({
        code: "NOTIFICATION_PREVIOUS_UNAVAILABLE",
        message: `The previous run of ${log.workflow} could not be read (${messageOf(error)}); its outputs count as changed`,
        runId: log.id,
        ...(schedule === undefined ? {} : { schedule }),
      });
      return undefined;
    }
  }

  async function deliver(
    log: RunLog,
    event: NotificationEvent,
    target: NotificationTargetSpec,
  ): Promise<NotificationResult> {
    const host = hostOf(target.url);
    try {
      const payload = notificationFor(event, log, {
        format: target.format,
        baseUrl: options.baseUrl,
        secrets,
      });
      return await send({ url: target.url }, payload, {
        allowPrivateNetwork: options.allowPrivateNetwork === true,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
    } catch (error) {
      // The URL is a secret (a Slack URL carries its token): a sender's error must not echo it.
      const reason = messageOf(error).replaceAll(target.url, host ?? "the target");
      const message = `Sending to ${host ?? "the target"} failed: ${reason}`;
      return {
        ok: false,
        ...(host === undefined ? {} : { host }),
        error: { code: "NETWORK", message },
      };
    }
  }

  async function notifyTarget(
    log: RunLog,
    event: NotificationEvent,
    target: NotificationTargetSpec,
    schedule: string | undefined,
  ): Promise<void> {
    const result = redactDeep(await deliver(log, event, target), secrets);
    const where = schedule === undefined ? {} : { schedule };
    if (!result.ok) {
      const why = result.error?.message ?? `status ${String(result.status)}`;
      report({
        code: "NOTIFICATION_FAILED",
        message: `The ${event} notification of run ${log.id} was not delivered: ${why}`,
        runId: log.id,
        ...where,
      });
    }
    const record: NotificationRecord = { event, at: new Date(options.now()).toISOString(), result };
    try {
      await options.state.addNotification(log.id, record);
    } catch (error) {
      report({
        code: "NOTIFICATION_NOT_RECORDED",
        message: `The ${event} notification of run ${log.id} could not be recorded: ${messageOf(error)}`,
        runId: log.id,
        ...where,
      });
    }
  }

  return {
    async afterRun(log, context) {
      const settings = settingsFor(context.schedule);
      if (settings === undefined || settings.targets.length === 0) return;
      const wantsChange = log.status === "success" && settings.on.includes("change");
      const before = wantsChange ? await previous(log, context.schedule) : undefined;
      const event = shouldNotify(settings, { status: log.status, outputs: log.outputs }, before);
      if (event === undefined) return;
      await Promise.all(
        settings.targets.map((target) => notifyTarget(log, event, target, context.schedule)),
      );
    },
  };
}
