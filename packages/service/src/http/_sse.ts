// The `/events` stream: server-sent events of the service, `id: seq`, heartbeat comments, Last-Event-ID.
import type { Context } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import type { ServiceEvent } from "../service/types.js";
import { ApiError } from "./errors.js";
import type { EventHub } from "./_events.js";

/** What the stream needs from the app: the hub, the heartbeat period, and where open streams register. */
export interface SseContext {
  hub: EventHub;
  heartbeatMs: number;
  /** Stoppers of the open streams (`startApiServer`'s `close` calls them). */
  open: Set<() => void>;
  /** How many streams may be open at once; one more is refused (503 TOO_MANY_STREAMS). */
  maxStreams: number;
  /** Stoppers of the streams opened with each session cookie (a logout ends them). */
  bySession: Map<string, Set<() => void>>;
  /** Whether a session is still live: checked at each heartbeat, so idle expiry ends its streams. */
  sessionLive?: (session: string) => boolean;
}

/** Ends the open streams that `session` (a session cookie's value) opened. */
export function endSessionStreams(sse: SseContext, session: string): void {
  for (const stop of sse.bySession.get(session) ?? []) stop();
}

/** Events buffered for one stream before a client that does not read is dropped. */
const MAX_QUEUED = 10_000;

interface StreamState {
  closed: boolean;
  wake: (() => void) | undefined;
}

function lastEventId(c: Context): number {
  const header = c.req.header("last-event-id");
  if (header === undefined || header.trim() === "") return 0;
  const id = Number(header);
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new ApiError(
      400,
      "INVALID_QUERY",
      `Last-Event-ID "${header}" is not an event id; send the \`id\` of the last event received.`,
    );
  }
  return id;
}

async function pump(
  stream: SSEStreamingApi,
  queue: ServiceEvent[],
  sse: SseContext,
  state: StreamState,
  live: () => boolean,
): Promise<void> {
  while (!state.closed) {
    for (let event = queue.shift(); event !== undefined && !state.closed; event = queue.shift()) {
      await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
    }
    if (state.closed) break;
    const beat = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(true), sse.heartbeatMs);
      state.wake = () => {
        clearTimeout(timer);
        resolve(false);
      };
    });
    state.wake = undefined;
    if (beat && !live()) break;
    if (beat && !state.closed) await stream.write(": heartbeat\n\n");
  }
}

/**
 * Answers `GET /events`: replays kept events after Last-Event-ID (or sends `resync`), then live ones.
 * A stream opened with a session cookie (`session`) ends when that session is logged out, and at
 * the first heartbeat after the session expired (idle).
 */
export function eventStream(c: Context, sse: SseContext, session?: string): Response {
  const after = lastEventId(c);
  // Each stream holds a listener and up to MAX_QUEUED events: their number is bounded too.
  if (sse.open.size >= sse.maxStreams)
    throw new ApiError(
      503,
      "TOO_MANY_STREAMS",
      `${sse.maxStreams} event streams are open already: close one (a dashboard tab) and retry`,
      { maxStreams: sse.maxStreams },
    );
  return streamSSE(c, async (stream) => {
    const state: StreamState = { closed: false, wake: undefined };
    const queue: ServiceEvent[] = [];
    const stop = (): void => {
      state.closed = true;
      state.wake?.();
    };
    // Listen before anything is written, so no event falls between the replay and the live ones.
    const unlisten = sse.hub.listen((event) => {
      queue.push(event);
      // A client that does not read is dropped rather than buffered without end; it reconnects with
      // Last-Event-ID and gets the kept events (or `resync`).
      if (queue.length > MAX_QUEUED) stop();
      state.wake?.();
    });
    sse.open.add(stop);
    let mine: Set<() => void> | undefined;
    if (session !== undefined) {
      mine = sse.bySession.get(session) ?? new Set();
      sse.bySession.set(session, mine.add(stop));
    }
    stream.onAbort(stop);
    c.req.raw.signal.addEventListener("abort", stop);
    // Synchronous with `listen`: the kept events come first and none is sent twice.
    const replay = sse.hub.replay(after);
    queue.unshift(...replay.events);
    try {
      await stream.write(": connected\n\n");
      if (after > 0 && replay.gap) {
        await stream.writeSSE({ event: "resync", data: JSON.stringify({ lastEventId: after }) });
      }
      const live = () =>
        session === undefined || sse.sessionLive === undefined || sse.sessionLive(session);
      await pump(stream, queue, sse, state, live);
    } finally {
      unlisten();
      sse.open.delete(stop);
      mine?.delete(stop);
      if (session !== undefined && mine?.size === 0) sse.bySession.delete(session);
    }
  });
}
