// The in-memory ServiceStateStore: one process, lost on exit; the reference for the contract suite.
import type { Decision } from "@skillflow/workflow";
import { createMemoryReplayGuard } from "../hooks/replay.js";
import { decisionText, recordText, recordTime, stateClosedError } from "./_state-shared.js";
import type { ServiceStateStore } from "./state.js";
import type { DecisionRecord, NotificationRecord } from "./types.js";

interface StoredRecord {
  time: number | null;
  text: string;
}

/** A ServiceStateStore kept in Maps (tests, and a service that needs no durability). */
export class MemoryServiceState implements ServiceStateStore {
  // Maps only: schedule names, run ids and approval keys come from files (`__proto__` is data).
  readonly #paused = new Set<string>();
  readonly #lastFire = new Map<string, number>();
  readonly #decisions = new Map<string, Map<string, string>>();
  readonly #notifications = new Map<string, StoredRecord[]>();
  readonly #decisionRecords = new Map<string, string[]>();
  // Bounded: at most 10,000 delivery ids, the expired and then the oldest forgotten first.
  readonly #deliveries = createMemoryReplayGuard();
  #closed = false;

  /** A snapshot of the paused schedules' names. */
  async pausedSchedules(): Promise<ReadonlySet<string>> {
    this.#open();
    return new Set(this.#paused);
  }

  /** Pauses or resumes `schedule` (idempotent). */
  async setPaused(schedule: string, paused: boolean): Promise<void> {
    this.#open();
    if (paused) this.#paused.add(schedule);
    else this.#paused.delete(schedule);
  }

  /** The last fire time handled for `schedule`. */
  async lastFire(schedule: string): Promise<number | undefined> {
    this.#open();
    return this.#lastFire.get(schedule);
  }

  /** Records the last fire time handled for `schedule`. */
  async setLastFire(schedule: string, fireTime: number): Promise<void> {
    this.#open();
    this.#lastFire.set(schedule, fireTime);
  }

  /** Stores a copy of `decision` (the latest one for a key wins). */
  async addDecision(runId: string, key: string, decision: Decision): Promise<void> {
    this.#open();
    let byKey = this.#decisions.get(runId);
    if (byKey === undefined) this.#decisions.set(runId, (byKey = new Map()));
    byKey.set(key, decisionText(decision));
  }

  /** Copies of the decisions of `runId`, by key, in the order the keys were first decided. */
  async decisions(runId: string): Promise<ReadonlyMap<string, Decision>> {
    this.#open();
    const byKey = this.#decisions.get(runId) ?? new Map<string, string>();
    return new Map([...byKey].map(([key, text]) => [key, JSON.parse(text) as Decision]));
  }

  /** Forgets the decisions of `runId`. */
  async clearDecisions(runId: string): Promise<void> {
    this.#open();
    this.#decisions.delete(runId);
  }

  /** Appends a copy of a decision record of `runId`. */
  async addDecisionRecord(runId: string, record: DecisionRecord): Promise<void> {
    this.#open();
    let records = this.#decisionRecords.get(runId);
    if (records === undefined) this.#decisionRecords.set(runId, (records = []));
    records.push(JSON.stringify(record));
  }

  /** Copies of the decision records of `runId`, oldest first. */
  async decisionRecords(runId: string): Promise<DecisionRecord[]> {
    this.#open();
    return (this.#decisionRecords.get(runId) ?? []).map((t) => JSON.parse(t) as DecisionRecord);
  }

  /** Records a copy of a notification attempt of `runId`. */
  async addNotification(runId: string, record: NotificationRecord): Promise<void> {
    this.#open();
    let records = this.#notifications.get(runId);
    if (records === undefined) this.#notifications.set(runId, (records = []));
    records.push({ time: recordTime(record), text: recordText(record) });
  }

  /** The notification records of `runId`, by time (then in the order they were added). */
  async notifications(runId: string): Promise<NotificationRecord[]> {
    this.#open();
    const records = [...(this.#notifications.get(runId) ?? [])];
    // Array.prototype.sort is stable: equal times keep insertion order.
    records.sort((a, b) => byTime(a.time, b.time));
    return records.map((r) => JSON.parse(r.text) as NotificationRecord);
  }

  /** Remembers webhook delivery `id` until `expiresAt`; `false` when it is remembered (a replay). */
  async rememberDelivery(id: string, expiresAt: number, now: number): Promise<boolean> {
    this.#open();
    return this.#deliveries.remember(id, expiresAt, now);
  }

  /** Closes the store; later calls are refused with `STATE_STORAGE`. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  #open(): void {
    if (this.#closed) throw stateClosedError();
  }
}

function byTime(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
