// Starts the API over a fake service on 127.0.0.1:0 and talks to it with fetch, as a client would.
import { afterEach } from "vitest";
import { createApiApp, type ApiOptions } from "../../src/http/app.js";
import { startApiServer, type ApiServer } from "../../src/http/server.js";
import { fakeService, type FakeService } from "./_fake-service.js";

/** The token the harness's apps use. */
export const TOKEN = "test-token-0123456789abcdef";

/** A running API over a fake service, and a client for it. */
export interface Harness {
  service: FakeService;
  server: ApiServer;
  /** fetch with the token (unless `auth: false`) and a JSON body when `json` is given. */
  call(path: string, init?: RequestInit & { json?: unknown; auth?: boolean }): Promise<Response>;
}

const running: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts an API (closed after the test). */
export async function startHarness(options: Partial<ApiOptions> = {}): Promise<Harness> {
  const service = fakeService();
  const app = createApiApp(service, { token: TOKEN, version: "1.2.3", ...options });
  const server = await startApiServer(app, { port: 0 });
  running.push(server);
  return {
    service,
    server,
    call: (path, init = {}) => {
      const { json, auth = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth) headers.set("authorization", `Bearer ${TOKEN}`);
      if (json !== undefined) headers.set("content-type", "application/json");
      return fetch(`${server.url}${path}`, {
        ...rest,
        headers,
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    },
  };
}

/** Reads a stream's text until `done(text)` holds (the test timeout guards against a hang). */
export async function readUntil(
  body: ReadableStream<Uint8Array>,
  done: (text: string) => boolean,
): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { done: ended, value } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}
