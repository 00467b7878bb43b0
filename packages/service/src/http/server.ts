// `startApiServer`: serves an API app over Node's HTTP server, with the Host guard and a prompt close.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { hostGuard } from "./_auth.js";
import { closeEventStreams } from "./app.js";

/** Where and how to listen. */
export interface ApiServerOptions {
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Port; 0 picks a free one. */
  port: number;
  /**
   * More Host names accepted when bound to loopback (a reverse proxy's public name). Requests to a
   * loopback-bound server whose Host is not localhost, the bound address or one of these are refused
   * (403 HOST_NOT_ALLOWED), except webhooks (they carry their own signature).
   */
  allowedHosts?: readonly string[];
}

/** A listening API server. */
export interface ApiServer {
  /** Its base address (`http://127.0.0.1:7787`). */
  url: string;
  port: number;
  /** Ends the open event streams, stops accepting, and resolves once open requests finished. */
  close(): Promise<void>;
}

const HOOK_PATH = /^(?:\/api\/v1)?\/hooks\//;

/** Listens with `app` on `host:port` and resolves once it accepts connections. */
export function startApiServer(app: Hono, options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? "127.0.0.1";
  const guard = hostGuard(host, options.allowedHosts);
  const server = createAdaptorServer({
    fetch: (request, env) => {
      const refused = guard !== undefined && !HOOK_PATH.test(new URL(request.url).pathname) ? guard(request) : undefined;
      return refused ?? app.fetch(request, env);
    },
  }) as Server;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            closeEventStreams(app);
            server.close((error) => (error === undefined ? done() : fail(error)));
            server.closeIdleConnections();
          }),
      });
    });
  });
}
