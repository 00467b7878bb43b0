// The live event stream of a service: numbered `ServiceEvent`s fanned out to subscribers.
import type { ServiceEvent } from "./types.js";

/** A `ServiceEvent` before it is numbered and stamped. */
export type ServiceEventBody = ServiceEvent extends infer E
  ? E extends ServiceEvent
    ? Omit<E, "seq" | "at">
    : never
  : never;

/** Numbers events (`seq` increases by one from 1) and hands them to every subscriber, in order. */
export class EventHub {
  readonly #listeners = new Set<(event: ServiceEvent) => void>();
  readonly #now: () => number;
  #seq = 0;

  /** `now` stamps each event's `at`. */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (event: ServiceEvent) => void): () => void {
    // A wrapper per subscription: subscribing one function twice gives two independent subscriptions.
    const own = (event: ServiceEvent): void => listener(event);
    this.#listeners.add(own);
    return () => {
      this.#listeners.delete(own);
    };
  }

  /** Numbers and sends an event; a listener that throws is skipped (it cannot stop a run). */
  emit(body: ServiceEventBody): void {
    const event = {
      ...body,
      seq: ++this.#seq,
      at: new Date(this.#now()).toISOString(),
    };
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A live view's failure is its own; the service goes on.
      }
    }
  }
}
