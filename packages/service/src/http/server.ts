// `startApiServer`: serves an API app over Node's HTTP server, with the Host guard and a prompt close.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
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
      const refused =
        guard !== undefined && !HOOK_PATH.test(new URL(request.url).pathname)
          ? guard(request)
          : undefined;
      return refused ?? app.fetch(request, env);
    },
  }) as Server;
  let closing: Promise<void> | undefined;
  let stopping = false;
  // Sockets and whether a response is in flight on them: once closing, a socket is destroyed as soon as
  // it is idle (an ended event stream's keep-alive connection), instead of lingering until the
  // client's keep-alive timeout.
  const busy = new Map<Socket, number>();
  const release = (socket: Socket): void => {
    if (stopping && (busy.get(socket) ?? 0) === 0) socket.destroy();
  };
  server.on("connection", (socket: Socket) => {
    busy.set(socket, 0);
    socket.once("close", () => busy.delete(socket));
  });
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    response.once("close", () => {
      busy.set(socket, (busy.get(socket) ?? 1) - 1);
      setImmediate(() => release(socket));
    });
  });
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((done, fail) => {
      stopping = true;
      closeEventStreams(app);
      server.close((error) => (error === undefined ? done() : fail(error)));
      for (const socket of busy.keys()) release(socket);
    }));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({ url: `http://${shown}:${port}`, port, close });
    });
  });
}
