// Test doubles of the service tests: a manual clock, a Map state store, a catalog and counting tools.
import { MemoryRunStore } from "@skillflow/store";
import { MockToolAdapter, type Decision } from "@skillflow/workflow";
import {
  createService,
  MemoryRunQueue,
  type LoadedWorkflow,
  type DecisionRecord,
  type NotificationRecord,
  type RunQueue,
  type Service,
  type ServiceOptions,
  type ServiceStateStore,
  type WorkflowCatalog,
  ServiceError,
} from "@skillflow/service";

/** A clock that moves only when the test says: sleeps fire as `advance` passes their deadline. */
export class ManualClock {
  time = Date.UTC(2026, 0, 1);
  #ids = 0;
  #timers: { at: number; resolve: () => void }[] = [];

  readonly now = (): number => this.time;
  readonly newId = (): string => `run-${String(++this.#ids).padStart(3, "0")}`;
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = { at: this.time + ms, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** Moves time forward, firing every sleep that ends by then (in deadline order). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers[0];
      if (!next || next.at > end) break;
      this.#timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    this.time = end;
    await settle();
  }
}

/** Lets pending promise chains and immediates run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits until `condition` holds (the test's timeout guards a hang). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A ServiceStateStore in Maps (the real MemoryServiceState lands from another branch). */
export class MapState implements ServiceStateStore {
  readonly paused = new Set<string>();
  readonly fires = new Map<string, number>();
  readonly decided = new Map<string, Map<string, Decision>>();
  readonly records = new Map<string, NotificationRecord[]>();
  readonly deliveries = new Map<string, number>();
  readonly decisionLog = new Map<string, DecisionRecord[]>();
  async pausedSchedules(): Promise<ReadonlySet<string>> {
    return new Set(this.paused);
  }
  async setPaused(schedule: string, paused: boolean): Promise<void> {
    if (paused) this.paused.add(schedule);
    else this.paused.delete(schedule);
  }
  async lastFire(schedule: string): Promise<number | undefined> {
    return this.fires.get(schedule);
  }
  async setLastFire(schedule: string, fireTime: number): Promise<void> {
    this.fires.set(schedule, fireTime);
  }
  async addDecision(runId: string, key: string, decision: Decision): Promise<void> {
    const map = this.decided.get(runId) ?? new Map<string, Decision>();
    map.set(key, structuredClone(decision));
    this.decided.set(runId, map);
  }
  async decisions(runId: string): Promise<ReadonlyMap<string, Decision>> {
    return new Map(this.decided.get(runId) ?? []);
  }
  async clearDecisions(runId: string): Promise<void> {
    this.decided.delete(runId);
  }
  async addDecisionRecord(runId: string, record: DecisionRecord): Promise<void> {
    this.decisionLog.set(runId, [...(this.decisionLog.get(runId) ?? []), structuredClone(record)]);
  }
  async decisionRecords(runId: string): Promise<DecisionRecord[]> {
    return [...(this.decisionLog.get(runId) ?? [])];
  }
  async addNotification(runId: string, record: NotificationRecord): Promise<void> {
    this.records.set(runId, [...(this.records.get(runId) ?? []), record]);
  }
  async notifications(runId: string): Promise<NotificationRecord[]> {
    return [...(this.records.get(runId) ?? [])];
  }
  async rememberDelivery(id: string, expiresAt: number, now: number): Promise<boolean> {
    const known = this.deliveries.get(id);
    if (known !== undefined && known > now) return false;
    this.deliveries.set(id, expiresAt);
    return true;
  }
  async close(): Promise<void> {}
}

/** A SKILL.md around a workflow block. */
export function skill(name: string, yaml: string): string {
  return `---\nname: ${name}\ndescription: A service test workflow.\n---\n\n\`\`\`workflow\n${yaml}\n\`\`\`\n`;
}

/** Three tool steps a, b, c, each a call of `work` with its own name. */
export const THREE = skill(
  "three",
  `inputs:
  who: { type: string, default: "world" }
outputs:
  last: { type: string, value: $steps.c.output.name }
steps:
  - id: a
    type: tool
    tool: work
    inputs: { name: { type: string, value: "a" } }
    outputs: { name: { type: string } }
  - id: b
    type: tool
    tool: work
    inputs: { name: { type: string, value: "b" } }
    outputs: { name: { type: string } }
  - id: c
    type: tool
    tool: work
    inputs: { name: { type: string, value: "c" } }
    outputs: { name: { type: string } }`,
);

/** A draft, an approval, then a send guarded on it; `approval` adds fields to the approval step. */
export function approvalWorkflow(approval = ""): string {
  return skill(
    "approve",
    `outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
  timed_out: { type: boolean, value: $steps.confirm.output.timed_out }
steps:
  - id: draft
    type: tool
    tool: work
    inputs: { name: { type: string, value: "draft" } }
    outputs: { name: { type: string } }
  - id: confirm
    type: approval
    message: "Send it?"${approval}
  - id: send
    type: tool
    tool: work
    condition: $steps.confirm.output.approved
    inputs: { name: { type: string, value: "send" } }
    outputs: { name: { type: string } }`,
  );
}

/** A catalog over documents by name. */
export function catalog(documents: Record<string, string>): WorkflowCatalog {
  return {
    async list() {
      return Object.keys(documents)
        .sort()
        .map((name) => ({ name, source: `/wf/${name}/SKILL.md`, inputs: {}, outputs: {} }));
    },
    async load(ref: string): Promise<LoadedWorkflow> {
      const content = Object.hasOwn(documents, ref) ? documents[ref] : undefined;
      if (content === undefined) throw new ServiceError("UNKNOWN_WORKFLOW", `no workflow ${ref}`);
      return { name: ref, content, source: `/wf/${ref}/SKILL.md` };
    },
  };
}

/** The `work` tool: counts calls by name, tracks how many run at once, and can hold a call. */
export class CountingTools extends MockToolAdapter {
  readonly calls = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  /** Held calls by name, in order: each call takes the first gate (later calls pass). */
  readonly #gates = new Map<string, Promise<void>[]>();

  constructor() {
    super();
    this.register("work", async (args) => {
      const name = String(args["name"]);
      this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        const gate = this.#gates.get(name)?.shift();
        if (gate) await gate;
      } finally {
        this.inFlight--;
      }
      return { output: { name } };
    });
  }

  /** Holds the next call of `name` (after those already held) until the returned function is called. */
  hold(name: string): () => void {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.#gates.set(name, [...(this.#gates.get(name) ?? []), promise]);
    return open;
  }

  count(name: string): number {
    return this.calls.get(name) ?? 0;
  }
}

/** A store, a queue, a state, a clock and tools shared by the services of one test. */
export interface World {
  store: MemoryRunStore;
  queue: RunQueue;
  state: MapState;
  clock: ManualClock;
  tools: CountingTools;
  documents: Record<string, string>;
  services: Service[];
  /** A service over this world (later ones share everything: a restart, or a second process). */
  service(extra?: Partial<ServiceOptions>): Service;
}

/** A fresh world with the given workflows (default: `three`). */
export function world(documents: Record<string, string> = { three: THREE }): World {
  const clock = new ManualClock();
  const w: World = {
    store: new MemoryRunStore(),
    queue: new MemoryRunQueue({ now: clock.now }),
    state: new MapState(),
    clock,
    tools: new CountingTools(),
    documents,
    services: [],
    service(extra = {}) {
      const service = createService({
        store: w.store,
        queue: w.queue,
        state: w.state,
        workflows: catalog(w.documents),
        tools: w.tools,
        services: { now: w.clock.now, newId: w.clock.newId, sleep: w.clock.sleep },
        leaseMs: 30_000,
        pollMs: 1_000,
        graceMs: 60_000,
        workerId: `worker-${w.services.length + 1}`,
        ...extra,
      });
      w.services.push(service);
      return service;
    },
  };
  return w;
}

/** The code of a rejected call. */
export async function codeOf(action: Promise<unknown>): Promise<string | undefined> {
  try {
    await action;
  } catch (error) {
    return error instanceof ServiceError ? error.code : `not a ServiceError: ${String(error)}`;
  }
  return undefined;
}
