// One live MCP client: opens the transport a server's configuration asks for, and closes it for good.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  StdioClientTransport,
  type StdioServerParameters,
} from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { SecretRedactor } from "../secrets.js";
import {
  type McpHttpServerConfig,
  type McpServerConfig,
  type McpStdioServerConfig,
  isStdioServer,
} from "./config.js";
import type { ChildProcess } from "node:child_process";
import { classifyConnectFailure, describeError } from "./_describe.js";
import { type ExitStatus, diagnoseConnectFailure } from "./_diagnose.js";
import { McpServerError } from "./errors.js";
import { redactorFor } from "./_secrets.js";
import { StderrTail } from "./_stderr.js";
import { SafeJsonSchemaValidator } from "./_validator.js";

/** What every connection shares: who the client says it is, how long to wait, what to hide. */
export interface ConnectionSettings {
  clientName: string;
  clientVersion: string;
  connectTimeoutMs: number;
  redactor: SecretRedactor;
}

/** How long `close()` lets an HTTP server acknowledge the end of its session. */
const TERMINATE_SESSION_MS = 1000;
/** How long a failed start waits for the rest of the child's stderr. */
const STDERR_DRAIN_MS = 200;

function stdioParameters(config: McpStdioServerConfig): StdioServerParameters {
  const params: StdioServerParameters = { command: config.command, stderr: "pipe" };
  if (config.args) params.args = config.args;
  if (config.env) params.env = config.env;
  if (config.cwd) params.cwd = config.cwd;
  return params;
}

function httpTransport(config: McpHttpServerConfig): StreamableHTTPClientTransport {
  const options = config.headers ? { requestInit: { headers: config.headers } } : {};
  return new StreamableHTTPClientTransport(new URL(config.url), options);
}

/** How long `close()` waits for a stopped stdio server to be gone. */
const EXIT_WAIT_MS = 3000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The SDK's stdio transport, remembering the child's pid (the SDK forgets it as soon as it closes)
 * and how it exited (the SDK does not say), for messages.
 */
class StdioTransport extends StdioClientTransport {
  startedPid: number | null = null;
  exitStatus: ExitStatus | undefined;

  override async start(): Promise<void> {
    await super.start();
    this.startedPid = this.pid;
    // The SDK keeps its child in a TypeScript-private field; without it, messages lack the status.
    const child = (this as unknown as { _process?: ChildProcess })._process;
    child?.once("exit", (code, signal) => (this.exitStatus = { code, signal }));
  }
}

/** A connected client for one configured server, with its stderr tail and redactor. */
export class McpConnection {
  readonly name: string;
  readonly client: Client;
  readonly redactor: SecretRedactor;
  readonly #config: McpServerConfig;
  readonly #connectTimeoutMs: number;
  readonly #transport: StdioTransport | StreamableHTTPClientTransport;
  readonly #stderr: StderrTail | undefined;
  /** Resolves once the transport closed; for stdio, once the child process exited. */
  readonly #gone: Promise<void>;
  #isGone = false;
  #connected = false;
  #closing: Promise<void> | undefined;

  private constructor(name: string, config: McpServerConfig, settings: ConnectionSettings) {
    this.name = name;
    this.#config = config;
    this.#connectTimeoutMs = settings.connectTimeoutMs;
    this.redactor = redactorFor(config, settings.redactor);
    this.client = new Client(
      { name: settings.clientName, version: settings.clientVersion },
      { jsonSchemaValidator: new SafeJsonSchemaValidator() },
    );
    if (isStdioServer(config)) {
      const transport = new StdioTransport(stdioParameters(config));
      this.#stderr = new StderrTail();
      if (transport.stderr) this.#stderr.attach(transport.stderr);
      this.#transport = transport;
    } else {
      this.#transport = httpTransport(config);
    }
    this.#gone = new Promise((resolve) => {
      this.client.onclose = () => {
        this.#connected = false;
        this.#isGone = true;
        resolve();
      };
    });
  }

  /** Starts or reaches the server and completes the MCP handshake; rejects with `McpServerError`. */
  static async open(
    name: string,
    config: McpServerConfig,
    settings: ConnectionSettings,
  ): Promise<McpConnection> {
    const connection = new McpConnection(name, config, settings);
    try {
      await connection.client.connect(connection.#transport, {
        timeout: settings.connectTimeoutMs,
      });
    } catch (error) {
      throw await connection.fail("failed to connect", error);
    }
    connection.#connected = true;
    return connection;
  }

  /** Whether the server is still there (a stdio server that exited is not). */
  get connected(): boolean {
    return this.#connected;
  }

  /** `MCP server "name" (command or URL)`, for messages. */
  get label(): string {
    const where = isStdioServer(this.#config)
      ? `command ${this.#config.command}`
      : this.#config.url;
    return this.redactor.redact(`MCP server "${this.name}" (${where})`);
  }

  /** Text for a message, with secrets redacted and the server's recent stderr appended. */
  explain(text: string): string {
    const stderr = this.#stderr?.text() ?? "";
    return this.redactor.redact(stderr === "" ? text : `${text}\nstderr: ${stderr}`);
  }

  /** Waits (at most `ms`) for the rest of a stdio server's stderr, e.g. after it exited. */
  async stderrDrained(ms = STDERR_DRAIN_MS): Promise<void> {
    await this.#stderr?.drained(ms);
  }

  /**
   * Closes the connection and builds the error for a failure while opening it: what happened, the
   * server's last stderr, then what to check.
   */
  async fail(what: string, error: unknown): Promise<McpServerError> {
    // Read before stopping it: only a server that ended on its own "exited".
    const exited =
      this.#transport instanceof StdioTransport ? this.#transport.exitStatus : undefined;
    this.#terminate();
    await this.close();
    await this.stderrDrained();
    const { code, retryable } = classifyConnectFailure(error);
    const diagnosis = diagnoseConnectFailure(error, this.#config, {
      exited,
      connectTimeoutMs: this.#connectTimeoutMs,
    });
    const hint = this.redactor.redact(diagnosis.hint);
    const message = `${this.explain(`${this.label} ${what}: ${describeError(error)}`)}\n${hint}`;
    return new McpServerError(this.name, code, message, retryable, {
      reason: diagnosis.reason,
      hint,
    });
  }

  /** Sends SIGTERM to a stdio server that failed, so that closing does not wait for a clean exit. */
  #terminate(): void {
    const pid = this.#transport instanceof StdioTransport ? this.#transport.startedPid : null;
    if (pid === null || this.#isGone) return;
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }

  /** Ends the session and the transport (for stdio, the child process); safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#connected = false;
    const transport = this.#transport;
    if (transport instanceof StreamableHTTPClientTransport && transport.sessionId !== undefined) {
      await Promise.race([
        transport.terminateSession().catch(() => undefined),
        sleep(TERMINATE_SESSION_MS),
      ]);
    }
    // Client.close() closes the transport: stdin ends, then SIGTERM and SIGKILL if the child lingers.
    // It returns early when the SDK already began closing (a failed handshake), hence the wait.
    await this.client.close().catch(() => undefined);
    if (transport instanceof StdioTransport && transport.startedPid !== null) {
      await Promise.race([this.#gone, sleep(EXIT_WAIT_MS)]);
    }
  }
}
