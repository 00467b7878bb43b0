// The worker of a service: claims jobs within the limits, runs them with a heartbeat, parks them at stop.
import type { RunLog } from "@skillflow/workflow";
import { redactText } from "@skillflow/workflow";
import type { QueueJob } from "../queue/queue.js";
import { activeRun, latch, type ActiveRun, type Latch } from "./_active.js";
import type { ServiceContext } from "./_context.js";
import { runSecrets } from "./_secrets.js";
import { runJob } from "./run-job.js";

/** What the worker tells the rest of the service. */
export interface WorkerHooks {
  /** A run suspended on approvals (its job is `waiting`). */
  onWaiting(runId: string): void;
  /** A run finished (success, failed or cancelled); notifications go from here. */
  afterRun(log: RunLog, job: QueueJob): Promise<void>;
}

/** Claims and runs jobs until stopped. */
export class Worker {
  readonly #ctx: ServiceContext;
  readonly #hooks: WorkerHooks;
  readonly #active = new Map<string, ActiveRun>();
  #loop: Promise<void> | undefined;
  #stopping = false;
  /** Aborted to cut the current wait short (new work, a freed slot, stop). */
  #wake = new AbortController();
  /** Resolved at every change of what runs (for `idle`). */
  #changed: Latch = latch();
  /** The claim loop is about to look, or looking, for work; it signals when it goes to sleep. */
  #looking = false;
  /** Aborted to end the grace period of a stop at once (a second signal). */
  readonly #grace = new AbortController();

  constructor(ctx: ServiceContext, hooks: WorkerHooks) {
    this.#ctx = ctx;
    this.#hooks = hooks;
  }

  /** Starts the claim loop (once). */
  start(): void {
    this.#loop ??= this.#run();
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    this.#wake.abort();
  }

  /** Whether this worker runs `runId` now. */
  holds(runId: string): boolean {
    return this.#active.has(runId);
  }

  /** Cancels a run this worker holds: it ends `cancelled` (recorded so). False when it holds none. */
  cancel(runId: string): boolean {
    const run = this.#active.get(runId);
    if (!run || run.detached) return false;
    run.cancelled = true;
    run.abort.abort();
    return true;
  }

  /** Resolves when nothing is running here and nothing is claimable in the queue. */
  async idle(): Promise<void> {
    for (;;) {
      const changed = this.#changed.promise;
      const running = [...this.#active.values()].some((run) => !run.detached);
      // While the loop is about to claim, its answer is the next change: listing the queue now
      // (every queued job, after every run) made `idle` quadratic in the queue's length.
      const looking =
        this.#loop !== undefined && !this.#stopping && (this.#looking || this.#wake.signal.aborted);
      if (!running && !looking) {
        const { queue, workerId, services } = this.#ctx;
        const queued = await queue.list({ status: "queued" });
        const lapsed = await queue.expired(services.now());
        // A job claimed a moment ago whose run has not begun here yet.
        const claimed = (await queue.list({ status: "leased" })).filter(
          (job) => job.workerId === workerId && (job.leaseUntil ?? 0) > services.now(),
        );
        if (queued.length === 0 && lapsed.length === 0 && claimed.length === 0) return;
      }
      await changed;
    }
  }

  /**
   * Stops claiming; lets each run go on to its next checkpoint (where it parks) or its end, at most
   * `graceMs` (not at all with `now`); then gives the leases of the runs still held back to the queue
   * (`queued`) and marks their records `interrupted`, so that the next start resumes them.
   */
  async stop(now: boolean): Promise<void> {
    this.#stopping = true;
    this.wake();
    if (now) this.hurry();
    const runs = [...this.#active.values()];
    for (const run of runs) run.parking = true;
    // A grace of 0 waits for nothing, like `now` (no timer: a zero sleep may still be a tick away).
    if (!this.#grace.signal.aborted && this.#ctx.graceMs > 0 && runs.length > 0) {
      await Promise.race([
        Promise.all(runs.map((run) => run.settled.promise)),
        this.#ctx.services.sleep(this.#ctx.graceMs, this.#grace.signal),
      ]);
      this.hurry();
    }
    await this.#loop;
    for (const run of [...this.#active.values()]) await this.#giveBack(run);
  }

  /** Ends the grace period of a stop in progress (or of the next one) now. */
  hurry(): void {
    this.#grace.abort();
  }

  async #giveBack(run: ActiveRun): Promise<void> {
    const { job } = run;
    run.detached = true;
    run.heartbeat.abort();
    run.abort.abort();
    this.#active.delete(job.id);
    try {
      await this.#ctx.queue.release(job.id, this.#ctx.workerId, "queued");
      this.#ctx.store.interrupt(job.id);
    } catch (error) {
      this.#problem("RELEASE_FAILED", error, job.id);
    }
    this.#signal();
  }

  #signal(): void {
    const changed = this.#changed;
    this.#changed = latch();
    changed.resolve();
  }

  async #run(): Promise<void> {
    const ctx = this.#ctx;
    while (!this.#stopping) {
      this.#looking = true;
      let job: QueueJob | undefined;
      try {
        job = await ctx.queue.claim(ctx.workerId, {
          now: ctx.services.now(),
          leaseMs: ctx.leaseMs,
          ...(ctx.options.limits ? { limits: ctx.options.limits } : {}),
        });
      } catch (error) {
        this.#problem("QUEUE_FAILED", error);
      }
      if (job && this.#stopping) {
        // Claimed while stopping: give it back untouched.
        await ctx.queue.release(job.id, ctx.workerId, "queued").catch(() => false);
        break;
      }
      if (job) {
        this.#begin(job);
        continue;
      }
      this.#looking = false;
      this.#signal();
      // Woken during the claim: look again at once (the new work may have come after it).
      if (!this.#wake.signal.aborted) await ctx.services.sleep(ctx.pollMs, this.#wake.signal);
      if (this.#wake.signal.aborted) this.#wake = new AbortController();
    }
    this.#looking = false;
    this.#signal();
  }

  #begin(job: QueueJob): void {
    const run = activeRun(job);
    this.#active.set(job.id, run);
    this.#signal();
    void this.#heartbeat(run);
    void this.#execute(run);
  }

  async #heartbeat(run: ActiveRun): Promise<void> {
    const ctx = this.#ctx;
    const every = ctx.leaseMs / 3;
    while (!run.heartbeat.signal.aborted) {
      await ctx.services.sleep(every, run.heartbeat.signal);
      if (run.heartbeat.signal.aborted) return;
      let held = false;
      try {
        held = await ctx.queue.heartbeat(run.job.id, ctx.workerId, ctx.services.now(), ctx.leaseMs);
      } catch (error) {
        this.#problem("QUEUE_FAILED", error, run.job.id);
        continue;
      }
      if (held || run.heartbeat.signal.aborted) continue;
      // Lost: cancelled (here or by another process), or another worker took it over.
      const now = await ctx.queue.get(run.job.id).catch(() => undefined);
      if (now?.status === "cancelled") run.cancelled = true;
      else {
        run.detached = true;
        ctx.problem({
          code: "LEASE_LOST",
          message: `run ${run.job.id} lost its lease (no heartbeat within ${ctx.leaseMs} ms); it was stopped here and continues where its lease is now`,
          runId: run.job.id,
        });
      }
      run.abort.abort();
      return;
    }
  }

  async #execute(run: ActiveRun): Promise<void> {
    const ctx = this.#ctx;
    const { job } = run;
    try {
      const end = await runJob(ctx, run);
      if (end.kind === "detached" || run.detached) return;
      if (end.kind === "recorded") {
        await ctx.queue.complete(job.id, ctx.workerId, { status: "done", runId: job.id });
        return;
      }
      if (end.kind === "waiting") {
        await ctx.queue.release(job.id, ctx.workerId, "waiting");
        ctx.events.emit({
          kind: "run_finished",
          runId: job.id,
          workflow: end.log.workflow,
          status: "waiting",
        });
        this.#hooks.onWaiting(job.id);
        // "An approval is waiting" is a notification event of its own.
        await this.#hooks.afterRun(end.log, job);
        return;
      }
      await ctx.queue.complete(job.id, ctx.workerId, { status: "done", runId: job.id });
      ctx.events.emit({
        kind: "run_finished",
        runId: job.id,
        workflow: end.log.workflow,
        status: end.status,
      });
      await this.#hooks.afterRun(end.log, job);
    } catch (error) {
      if (run.detached) return;
      const secrets = runSecrets(ctx, job.inputs);
      this.#problem("RUN_FAILED", error, job.id, secrets);
      const message = redactText(error instanceof Error ? error.message : String(error), secrets);
      await ctx.queue
        .complete(job.id, ctx.workerId, { status: "failed", runId: job.id, error: message })
        .catch(() => false);
    } finally {
      run.heartbeat.abort();
      run.settled.resolve();
      if (this.#active.get(job.id) === run) this.#active.delete(job.id);
      this.#signal();
      this.wake();
    }
  }

  #problem(
    code: string,
    error: unknown,
    runId?: string,
    secrets: readonly string[] = this.#ctx.secrets,
  ): void {
    const text = error instanceof Error ? error.message : String(error);
    this.#ctx.problem({
      code,
      message: redactText(text, secrets),
      ...(runId !== undefined ? { runId } : {}),
    });
  }
}
