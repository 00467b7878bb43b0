// Live updates: the service's event stream (`/api/v1/events`, server-sent events), shared by every
// view that listens, reconnecting on its own (EventSource resumes with Last-Event-ID).
import { useEffect } from "preact/hooks";
import { API } from "./api";

/** One event of the stream, as the service sends it. */
export interface ServiceEvent {
  seq: number;
  at: string;
  /** `resync`: events were missed (a reconnect after too long); views should fetch again. */
  kind: "run_queued" | "run_event" | "run_finished" | "schedule_changed" | "resync";
  runId?: string;
  workflow?: string;
  status?: string;
  schedule?: string;
  event?: { type: string; runId?: string; stepId?: string };
}

type Listener = (event: ServiceEvent) => void;

const listeners = new Set<Listener>();
let source: EventSource | undefined;

function open(): void {
  if (source !== undefined) return;
  source = new EventSource(`${API}/events`, { withCredentials: true });
  const deliver = (message: MessageEvent<string>) => {
    let event: ServiceEvent;
    try {
      event = JSON.parse(message.data) as ServiceEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  };
  source.onmessage = deliver;
  source.addEventListener("resync", () => {
    const event: ServiceEvent = { seq: -1, at: new Date().toISOString(), kind: "resync" };
    for (const listener of listeners) listener(event);
  });
}

function close(): void {
  source?.close();
  source = undefined;
}

/** Calls `listener` for every service event while the component is mounted. */
export function useServiceEvents(listener: Listener, deps: readonly unknown[] = []): void {
  useEffect(() => {
    listeners.add(listener);
    open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) close();
    };
  }, deps);
}
