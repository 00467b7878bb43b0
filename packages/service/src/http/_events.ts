// Fans the service's live events out to server-sent-event streams, keeping recent ones for Last-Event-ID.
import type { Service, ServiceEvent } from "../service/types.js";

/** What a new stream gets: the kept events after its Last-Event-ID, or a gap when they are gone. */
export interface Replay {
  events: ServiceEvent[];
  /** True when events after `lastEventId` were no longer kept (the client must refetch its lists). */
  gap: boolean;
}

/**
 * One subscription to the service for all streams of an app, made on first use, keeping the last
 * `capacity` events so a reconnecting client (Last-Event-ID) misses none of them.
 */
export class EventHub {
  readonly #service: Service;
  readonly #capacity: number;
  readonly #kept: ServiceEvent[] = [];
  readonly #listeners = new Set<(event: ServiceEvent) => void>();
  #subscribed = false;

  constructor(service: Service, capacity: number) {
    this.#service = service;
    this.#capacity = capacity;
  }

  /** Adds a listener (subscribing to the service on first use); returns its removal. */
  listen(listener: (event: ServiceEvent) => void): () => void {
    if (!this.#subscribed) {
      this.#subscribed = true;
      this.#service.subscribe((event) => this.#receive(event));
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The kept events with `seq` above `lastEventId`. */
  replay(lastEventId: number): Replay {
    const events = this.#kept.filter((event) => event.seq > lastEventId);
    const oldest = this.#kept[0]?.seq;
    const newest = this.#kept.at(-1)?.seq;
    // Nothing kept (a restarted service) or ids from another process: the client must refetch.
    const gap =
      oldest === undefined || newest === undefined
        ? lastEventId > 0
        : oldest > lastEventId + 1 || lastEventId > newest;
    return { events, gap };
  }

  #receive(event: ServiceEvent): void {
    this.#kept.push(event);
    if (this.#kept.length > this.#capacity) this.#kept.shift();
    for (const listener of this.#listeners) listener(event);
  }
}
