// Starting, listing, reading, cancelling, rerunning and resuming runs: the queue and the history together.
import type { RunRow, StoredRun } from "@skillflow/store";
import { lostInputs } from "@skillflow/workflow";
import type { QueueJob, RunTrigger } from "../queue/queue.js";
import { serviceError, type ServiceContext } from "./_context.js";
import { MAX_VALUE_DEPTH, nestedDeeperThan } from "./_depth.js";
import { cancelledLog } from "./_logs.js";
import { checkInputsKept, runSecrets, shownInputs, shownLog } from "./_secrets.js";
import { requeueWaiting } from "./approvals.js";
import { compareKeys, decodeCursor, encodeCursor, isAfter } from "./cursor.js";
import type { Page, RunDetail, RunQuery, RunRef, RunSummary, StartRunRequest } from "./types.js";

/** Default and largest page of `listRuns`. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

const STATUSES: ReadonlySet<string> = new Set([
  "queued",
  "running",
  "waiting",
  "success",
  "failed",
  "cancelled",
  "interrupted",
]);

/** The trigger of a job, or of a run outside the service. */
function triggerOf(job: QueueJob | undefined): RunTrigger {
  if (job?.trigger) return job.trigger;
  if (job?.schedule !== undefined && job.fireTime !== undefined)
    return { kind: "schedule", schedule: job.schedule, fireTime: job.fireTime };
  return job ? { kind: "manual" } : { kind: "cli" };
}

/** A queued job not begun yet, as a row. */
function queuedRow(job: QueueJob, now: string): RunRow {
  return {
    id: job.id,
    workflow: job.workflow,
    // A queued run has no history status yet: `running` with `queued: true` (see RunSummary).
    status: "running",
    startedAt: job.enqueuedAt ?? now,
    stepsExecuted: 0,
    stepsSkipped: 0,
  };
}

function refStatus(job: QueueJob): RunRef["status"] {
  if (job.status === "leased") return "running";
  if (job.status === "done" || job.status === "failed")
    return job.status === "done" ? "success" : "failed";
  return job.status;
}

/** Enqueues a run of a workflow that exists now (job id = run id). */
export async function startRun(
  ctx: ServiceContext,
  request: StartRunRequest,
  id = ctx.services.newId(),
  dedupeKey?: string,
): Promise<RunRef> {
  if (
    request.inputs !== undefined &&
    (typeof request.inputs !== "object" || request.inputs === null || Array.isArray(request.inputs))
  )
    throw serviceError("INVALID_INPUTS", "inputs must be an object of input name → value");
  // Deeper values would overflow the stack of the queue's and the history's serializers (a 500).
  if (nestedDeeperThan(request.inputs, MAX_VALUE_DEPTH))
    throw serviceError(
      "INVALID_INPUTS",
      `inputs nest more than ${MAX_VALUE_DEPTH} levels of arrays and objects; send flatter inputs`,
    );
  const loaded = await ctx.catalog.load(request.workflow);
  const waiting = await ctx.queue.count({ status: "queued", workflow: loaded.name });
  if (waiting >= ctx.maxQueued && dedupeKey === undefined)
    throw serviceError(
      "QUEUE_FULL",
      `${ctx.maxQueued} runs of ${loaded.name} are waiting in the queue already; retry once they ran, or raise maxQueued`,
    );
  const trigger = request.trigger ?? { kind: "manual" };
  const { job, created } = await ctx.queue.enqueue({
    id,
    ...(dedupeKey !== undefined ? { dedupeKey } : {}),
    workflow: loaded.name,
    inputs: request.inputs ?? {},
    trigger,
    enqueuedAt: ctx.iso(),
    ...(trigger.kind === "schedule"
      ? { schedule: trigger.schedule, fireTime: trigger.fireTime }
      : {}),
  });
  // A known dedupe key (a schedule's fire time already handled): the run it started.
  if (!created) return { runId: job.id, status: refStatus(job) };
  ctx.events.emit({ kind: "run_queued", runId: id, workflow: loaded.name, trigger });
  return { runId: id, status: "queued" };
}

function checkQuery(query: RunQuery): number {
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw serviceError(
      "INVALID_QUERY",
      `limit must be an integer from 1 to ${MAX_PAGE} (got ${String(limit)})`,
    );
  if (query.status !== undefined && !STATUSES.has(query.status))
    throw serviceError(
      "INVALID_QUERY",
      `status must be one of ${[...STATUSES].join(", ")} (got ${String(query.status)})`,
    );
  return limit;
}

/** How many history rows `listRuns` reads at most per store call (it starts at a page and doubles). */
const MAX_CHUNK = 1_000;

/**
 * Runs newest first (the history's rows and the queued runs not begun yet), filtered, one page at a
 * time. The cursor is a keyset position (start time, id): runs that arrive later never shift a page.
 * The history is read in chunks, newest first, only as far as the page needs (further under a
 * `schedule` filter, which only the queue's triggers decide); triggers are looked up per row.
 */
export async function listRuns(
  ctx: ServiceContext,
  query: RunQuery = {},
): Promise<Page<RunSummary>> {
  const limit = checkQuery(query);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const now = ctx.iso();
  const wanted = (item: RunSummary): boolean =>
    (query.schedule === undefined ||
      (item.trigger.kind === "schedule" && item.trigger.schedule === query.schedule)) &&
    (cursor === undefined || isAfter(item, cursor));
  // Queued runs not begun yet: only the queue's backlog (finished jobs are not read).
  const queued: RunSummary[] = [];
  if (query.status === undefined || query.status === "queued") {
    const jobs = await ctx.queue.list({
      status: "queued",
      ...(query.workflow !== undefined ? { workflow: query.workflow } : {}),
    });
    for (const job of jobs) {
      if (ctx.store.get(job.id)) continue;
      const row = queuedRow(job, now);
      if (query.since !== undefined && row.startedAt < query.since) continue;
      if (query.until !== undefined && row.startedAt > query.until) continue;
      const item: RunSummary = { ...row, trigger: triggerOf(job), queued: true };
      if (wanted(item)) queued.push(item);
    }
  }
  const items: RunSummary[] = [];
  // History rows whose trigger is not looked up yet (no schedule filter needs it before paging).
  const untriggered = new Set<RunSummary>();
  const seen = new Set<string>();
  if (query.status !== "queued") {
    const filter = {
      ...(query.workflow !== undefined ? { workflow: query.workflow } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...((cursor?.startedAt ?? query.until) !== undefined
        ? { until: minIso(cursor?.startedAt, query.until) }
        : {}),
    };
    for (let offset = 0, chunk = limit + 1; ; chunk = Math.min(chunk * 2, MAX_CHUNK)) {
      const rows = ctx.store.list({ ...filter, limit: chunk, offset });
      offset += rows.length;
      for (const row of rows) {
        // A run that began while we read moves the rows down one: seen already.
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const lookup = query.schedule !== undefined;
        // Without a schedule filter the trigger matters only on the page: looked up there.
        const trigger = lookup ? triggerOf(await ctx.queue.get(row.id)) : triggerOf(undefined);
        const item: RunSummary = { ...row, trigger };
        if (!wanted(item)) continue;
        items.push(item);
        if (!lookup) untriggered.add(item);
      }
      if (rows.length < chunk) break;
      // Every row after `edge` (newest first) is read: when more than a page of runs comes before
      // it, no row still unread can be on this page.
      const edge = rows.at(-1)!.startedAt;
      const before =
        items.filter((item) => item.startedAt > edge).length +
        queued.filter((item) => item.startedAt > edge).length;
      if (before > limit) break;
    }
  }
  // A run that began while we read is listed once, from the history.
  items.push(...queued.filter((item) => !seen.has(item.id)));
  const matching = items.sort(compareKeys);
  const page = matching.slice(0, limit);
  for (const item of page)
    if (untriggered.has(item)) item.trigger = triggerOf(await ctx.queue.get(item.id));
  const last = page.at(-1);
  return matching.length > limit && last
    ? { items: page, next: encodeCursor(last) }
    : { items: page };
}

function minIso(a: string | undefined, b: string | undefined): string {
  if (a === undefined) return b!;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/** One run with its steps, trigger and notification records. */
export async function getRun(ctx: ServiceContext, runId: string): Promise<RunDetail> {
  const job = await ctx.queue.get(runId);
  const stored = ctx.store.get(runId);
  const notifications = await ctx.state.notifications(runId);
  const decisions = await ctx.state.decisionRecords(runId);
  if (stored) return { ...stored, trigger: triggerOf(job), notifications, decisions };
  if (job?.status === "queued" || job?.status === "leased") {
    const run: StoredRun = {
      ...queuedRow(job, ctx.iso()),
      verbosity: "standard",
      inputs: shownInputs(job.inputs, runSecrets(ctx, job.inputs)),
      steps: [],
    };
    return { ...run, trigger: triggerOf(job), queued: true, notifications, decisions };
  }
  throw serviceError("UNKNOWN_RUN", `no run ${runId}; list runs to find its id`);
}

/**
 * Cancels a run: a queued one leaves the queue (recorded as cancelled), a running one is aborted (it
 * records itself cancelled), a waiting one is finished as cancelled now.
 */
export async function cancelRun(
  ctx: ServiceContext,
  runId: string,
  cancelHeld: (runId: string) => boolean,
): Promise<RunRef> {
  const job = await ctx.queue.get(runId);
  const stored = ctx.store.get(runId);
  if (!job && !stored)
    throw serviceError("UNKNOWN_RUN", `no run ${runId}; list runs to find its id`);
  const status = stored?.status;
  if (status === "success" || status === "failed" || status === "cancelled")
    throw serviceError(
      "NOT_CANCELLABLE",
      `run ${runId} already ended ${status}; nothing to cancel`,
    );
  if (job && job.status !== "done" && job.status !== "failed" && job.status !== "cancelled") {
    // A run held here is aborted and records its own cancelled end; held elsewhere, its worker
    // sees its heartbeat refused, finds the job cancelled and does the same.
    await ctx.queue.cancel(runId);
    if (cancelHeld(runId)) return { runId, status: "cancelled" };
    if (job.status === "leased" && status !== "interrupted") return { runId, status: "cancelled" };
  }
  const at = ctx.iso();
  if (stored && (status === "waiting" || status === "interrupted")) {
    const checkpoint = ctx.store.checkpoint(runId);
    const recorder = ctx.store.resume(runId);
    if (checkpoint)
      recorder.finish(
        shownLog(cancelledLog(checkpoint, at), runSecrets(ctx, job?.inputs, checkpoint.inputs)),
      );
    await ctx.state.clearDecisions(runId);
  } else if (!stored && job) {
    const log = cancelledLog(
      {
        runId,
        workflow: job.workflow,
        workflow_hash: "",
        inputs: job.inputs,
        started_at: job.enqueuedAt ?? at,
        segment: 1,
        records: [],
        iterations: {},
        position: null,
      },
      at,
    );
    const {
      workflow_hash: _hash,
      segment: _segment,
      ...plain
    } = shownLog(log, runSecrets(ctx, job.inputs));
    ctx.store
      .begin({ id: runId, workflow: job.workflow, inputs: {}, startedAt: plain.started_at })
      .finish(plain);
  } else if (status === "running" && !job) {
    throw serviceError(
      "NOT_CANCELLABLE",
      `run ${runId} runs outside this service (skillflow run); stop it where it runs`,
    );
  }
  ctx.events.emit({
    kind: "run_finished",
    runId,
    workflow: stored?.workflow ?? job!.workflow,
    status: "cancelled",
  });
  return { runId, status: "cancelled" };
}

/** A new run of the same workflow, with the same inputs (the queue's, unredacted) or new ones. */
export async function rerun(
  ctx: ServiceContext,
  runId: string,
  options: { inputs?: Record<string, unknown>; by?: string } = {},
): Promise<RunRef> {
  const job = await ctx.queue.get(runId);
  const stored = ctx.store.get(runId);
  if (!job && !stored)
    throw serviceError("UNKNOWN_RUN", `no run ${runId}; list runs to find its id`);
  const workflow = stored?.workflow ?? job!.workflow;
  const inputs = options.inputs ?? job?.inputs ?? stored?.inputs ?? {};
  const lost = options.inputs === undefined && !job ? lostInputs(inputs) : [];
  if (lost.length > 0)
    throw serviceError(
      "INVALID_INPUTS",
      `run ${runId} has no queue job any more, and the history does not keep its secret inputs ` +
        `(${lost.join(", ")}); rerun it with its inputs given again`,
    );
  const trigger: RunTrigger = {
    kind: "rerun",
    of: runId,
    ...(options.by !== undefined ? { by: options.by } : {}),
  };
  return startRun(ctx, { workflow, inputs, trigger });
}

/** Puts an `interrupted` run back in the queue; it resumes from its checkpoint. */
export async function resumeRun(ctx: ServiceContext, runId: string): Promise<RunRef> {
  const stored = ctx.store.get(runId);
  if (!stored) {
    if (await ctx.queue.get(runId))
      throw serviceError(
        "NOT_RESUMABLE",
        `run ${runId} has not begun; it runs when a worker is free`,
      );
    throw serviceError("UNKNOWN_RUN", `no run ${runId}; list runs to find its id`);
  }
  if (stored.status !== "interrupted")
    throw serviceError(
      "NOT_RESUMABLE",
      `run ${runId} is ${stored.status}; only an interrupted run can be resumed${stored.status === "waiting" ? " (decide its approvals instead)" : ""}`,
    );
  const checkpoint = ctx.store.checkpoint(runId);
  if (!checkpoint)
    throw serviceError(
      "NOT_RESUMABLE",
      `run ${runId} has no checkpoint to resume from; rerun it instead`,
    );
  await checkInputsKept(
    ctx,
    runId,
    checkpoint.inputs,
    stored.inputs,
    `skillflow runs resume ${runId}`,
  );
  await requeueWaiting(ctx, runId, stored.workflow, checkpoint.inputs);
  return { runId, status: "queued" };
}
