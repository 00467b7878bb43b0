// McpToolAdapter: the tools of configured MCP servers (stdio and streamable HTTP) as `server.tool` workflow tools.
import { timeoutOption } from "../_options.js";
import type { ToolAdapter, ToolDescriptor, ToolInvocationContext } from "@skillflow/workflow";
import { SecretRedactor } from "../secrets.js";
import { CLOSED, callTool } from "./_call.js";
import { type CatalogEntry, catalogEntries, listAllTools } from "./_catalog.js";
import { type ConnectionSettings, McpConnection } from "./_connection.js";
import { type McpToolResult, failed } from "./_result.js";
import { type McpServerConfig, type McpServersConfig, parseMcpServers } from "./config.js";
import { McpServerError } from "./errors.js";

/** Options of `connectMcpServers`. */
export interface McpConnectOptions {
  /** The client name servers see in the handshake; default `"skillflow"`. */
  clientName?: string;
  /** The client version servers see; default the package version. */
  clientVersion?: string;
  /** Upper bound of one `tools/call`, in milliseconds; default 60 000. */
  timeoutMs?: number;
  /** Upper bound of each server's handshake and of each `tools/list` page; default 30 000. */
  connectTimeoutMs?: number;
  /** Secrets the host knows of; header, URL and key-like env secrets of each server are added. */
  redactor?: SecretRedactor;
}

const CLIENT_VERSION = "0.1.0";
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

export type { McpToolResult } from "./_result.js";

interface ExposedTool {
  entry: CatalogEntry;
  connection: McpConnection;
}

interface OpenedServer {
  connection: McpConnection;
  entries: CatalogEntry[];
}

function milliseconds(value: number | undefined, fallback: number, name: string): number {
  return timeoutOption("MCP", name, value, fallback);
}

async function openServer(
  name: string,
  config: McpServerConfig,
  settings: ConnectionSettings,
): Promise<OpenedServer> {
  const connection = await McpConnection.open(name, config, settings);
  try {
    const tools = await listAllTools(connection.client, settings.connectTimeoutMs);
    return { connection, entries: catalogEntries(name, tools) };
  } catch (error) {
    throw await connection.fail("connected, but listing its tools failed", error);
  }
}

/** The first failure in configuration order, naming the other servers that failed too. */
function connectFailure(names: string[], outcomes: PromiseSettledResult<OpenedServer>[]): unknown {
  const reasons = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
  const [first, ...others] = reasons;
  if (!(first instanceof McpServerError) || others.length === 0) return first;
  const failedNames = outcomes.flatMap((o, i) =>
    o.status === "rejected" ? [`"${names[i]}"`] : [],
  );
  const also = `\n(${others.length} more server(s) failed too: ${failedNames.slice(1).join(", ")})`;
  return new McpServerError(first.server, first.code, first.message + also, first.retryable, {
    reason: first.reason,
    hint: first.hint,
  });
}

/**
 * A ToolAdapter over live MCP clients. Create it with `connectMcpServers`; call `close()` when done
 * (it stops stdio servers and ends HTTP sessions). Calls never reject: they fail as data.
 */
export class McpToolAdapter implements ToolAdapter {
  readonly #tools: ReadonlyMap<string, ExposedTool>;
  readonly #connections: readonly McpConnection[];
  readonly #timeoutMs: number;
  readonly #inflight = new Set<AbortController>();
  #closing: Promise<void> | undefined;

  private constructor(servers: OpenedServer[], timeoutMs: number) {
    const tools = new Map<string, ExposedTool>();
    for (const { connection, entries } of servers) {
      for (const entry of entries) tools.set(entry.descriptor.name, { entry, connection });
    }
    this.#tools = tools;
    this.#connections = servers.map((s) => s.connection);
    this.#timeoutMs = timeoutMs;
  }

  /** Connects to every server at once; on any failure closes the others and rejects. */
  static async connect(
    servers: McpServersConfig,
    options: McpConnectOptions = {},
  ): Promise<McpToolAdapter> {
    const config = parseMcpServers(servers);
    const timeoutMs = milliseconds(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
    const settings: ConnectionSettings = {
      clientName: options.clientName ?? "skillflow",
      clientVersion: options.clientVersion ?? CLIENT_VERSION,
      connectTimeoutMs: milliseconds(
        options.connectTimeoutMs,
        DEFAULT_CONNECT_TIMEOUT_MS,
        "connectTimeoutMs",
      ),
      redactor: options.redactor ?? new SecretRedactor(),
    };
    const names = Object.keys(config);
    const outcomes = await Promise.allSettled(
      names.map((name) => openServer(name, config[name]!, settings)),
    );
    const opened = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    if (opened.length < outcomes.length) {
      await Promise.all(opened.map((s) => s.connection.close()));
      throw connectFailure(names, outcomes);
    }
    return new McpToolAdapter(opened, timeoutMs);
  }

  /** Whether `name` is one of the listed `server.tool` names. */
  has(name: string): boolean {
    return this.#tools.has(name);
  }

  /** Every exposed tool, with the server's description and schemas. */
  list(): ToolDescriptor[] {
    return [...this.#tools.values()].map(({ entry }) => ({ ...entry.descriptor }));
  }

  /**
   * Calls the tool on its server. Never rejects: failures resolve as `{ output: null, error, code,
   * retryable }`. Aborting `context.signal` cancels the request on the server.
   */
  async invoke(
    name: string,
    args: Record<string, unknown>,
    context?: ToolInvocationContext,
  ): Promise<McpToolResult> {
    const tool = this.#tools.get(name);
    if (tool === undefined) return failed(`Unknown MCP tool "${name}"`, "NOT_FOUND", false);
    const { connection, entry } = tool;
    if (this.#closing) {
      return failed(`MCP tool "${name}" cannot run: ${CLOSED.message}`, "EXECUTION", false);
    }
    if (!connection.connected) {
      const text = `MCP tool "${name}" cannot run: ${connection.label} is disconnected`;
      return failed(connection.explain(text), "EXECUTION", false);
    }
    const signal = context?.signal;
    if (signal?.aborted) {
      return failed(`MCP tool "${name}" was cancelled before it started`, "ABORTED", false);
    }
    // A signal of our own per call: the SDK never removes its abort listener, and close() must
    // be able to cancel every call still running.
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    this.#inflight.add(controller);
    try {
      const spec = { name, remoteName: entry.remoteName, args, timeoutMs: this.#timeoutMs };
      return await callTool(connection, { ...spec, signal: controller.signal });
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.#inflight.delete(controller);
    }
  }

  /** Cancels running calls and closes every connection (stdio servers are stopped); idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    for (const controller of this.#inflight) controller.abort(CLOSED);
    await Promise.all(this.#connections.map((c) => c.close()));
  }
}

/**
 * Connects to the configured MCP servers (stdio and streamable HTTP) and lists their tools.
 * Rejects with a `McpServerError` naming the first server that failed (the others are closed),
 * or a `CONFIGURATION` ToolError when the configuration is invalid.
 */
export function connectMcpServers(
  servers: McpServersConfig,
  options?: McpConnectOptions,
): Promise<McpToolAdapter> {
  return McpToolAdapter.connect(servers, options);
}
