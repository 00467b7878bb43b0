// Local fake servers speaking the Anthropic Messages, OpenAI Responses and chat-completions HTTP APIs.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LlmEnv, LlmProvider } from "../../src/llm/providers.js";
import type { ToolRunContext } from "../../src/tool.js";

/** A request the fake received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** What the fake answers with. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Builds a reply from the request it answers. */
export type Responder = (request: Received) => Reply;

/** A local HTTP server answering queued responders in order. */
export class FakeServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly received: Received[],
    private readonly queue: Responder[],
  ) {}

  static async start(): Promise<FakeServer> {
    const received: Received[] = [];
    const queue: Responder[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const request: Received = {
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
        };
        received.push(request);
        const responder = queue.shift();
        const reply = responder?.(request) ?? { status: 599, body: { error: "no reply queued" } };
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(reply.status ?? 200, {
            "content-type": "application/json",
            ...reply.headers,
          });
          res.end(JSON.stringify(reply.body ?? {}));
        };
        if (reply.delayMs === undefined) return send();
        const timer = setTimeout(send, reply.delayMs);
        res.on("close", () => clearTimeout(timer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeServer(server, `http://127.0.0.1:${port}`, received, queue);
  }

  /** Queues responders, answered one per request in order. */
  reply(...responders: Responder[]): this {
    this.queue.push(...responders);
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The fake API key; tests assert it never shows up in messages or outputs. */
export const KEY = "sk-test-SECRET-0123456789abcdef";

/** Token counts the fakes report per request. */
export interface Tokens {
  input: number;
  output: number;
}

const DEFAULT_TOKENS: Tokens = { input: 1000, output: 200 };

/** How one provider's HTTP API looks, for tests that run against every provider. */
export interface ProviderFake {
  provider: LlmProvider;
  /** The `model` argument the tests pass. */
  model: string;
  /** The path the provider's SDK posts to. */
  path: string;
  env(url: string): LlmEnv;
  /** A successful answer whose text is `text`. */
  answer(text: string, tokens?: Tokens): Responder;
  /** An error response in the provider's error format. */
  error(status: number, message: string, headers?: Record<string, string>): Responder;
  /** Where the request carried the answer schema. */
  sentSchema(body: Record<string, unknown>): unknown;
}

const anthropicAnswer =
  (text: string, tokens: Tokens = DEFAULT_TOKENS): Responder =>
  (request) => {
    const tools = request.body.tools as { name: string }[] | undefined;
    const viaTool = tools?.some((t) => t.name === "json") === true;
    const content = viaTool
      ? [{ type: "tool_use", id: "toolu_1", name: "json", input: JSON.parse(text) as unknown }]
      : [{ type: "text", text }];
    return {
      body: {
        type: "message",
        id: "msg_1",
        role: "assistant",
        model: request.body.model,
        content,
        stop_reason: viaTool ? "tool_use" : "end_turn",
        stop_sequence: null,
        usage: { input_tokens: tokens.input, output_tokens: tokens.output },
      },
    };
  };

/** Anthropic Messages API (`POST /v1/messages`). */
export const anthropicFake: ProviderFake = {
  provider: "anthropic",
  model: "anthropic:claude-sonnet-4-5",
  path: "/v1/messages",
  // Without `/v1`, as Anthropic's own SDKs spell it.
  env: (url) => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: url }),
  answer: anthropicAnswer,
  error: (status, message, headers) => () => ({
    status,
    ...(headers === undefined ? {} : { headers }),
    body: { type: "error", error: { type: "api_error", message } },
  }),
  sentSchema: (body) =>
    (body.output_config as { format?: { schema?: unknown } } | undefined)?.format?.schema,
};

const openaiError =
  (status: number, message: string, headers?: Record<string, string>): Responder =>
  () => ({
    status,
    ...(headers === undefined ? {} : { headers }),
    body: { error: { message, type: "invalid_request_error", param: null, code: "some_code" } },
  });

/** OpenAI Responses API (`POST /v1/responses`), what `openai(model)` calls in @ai-sdk/openai 3. */
export const openaiFake: ProviderFake = {
  provider: "openai",
  model: "openai:gpt-5.4-mini",
  path: "/v1/responses",
  env: (url) => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${url}/v1` }),
  answer:
    (text, tokens = DEFAULT_TOKENS) =>
    (request) => ({
      body: {
        id: "resp_1",
        object: "response",
        created_at: 1_700_000_000,
        status: "completed",
        model: request.body.model,
        output: [
          {
            type: "message",
            id: "msg_1",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text, annotations: [] }],
          },
        ],
        incomplete_details: null,
        usage: {
          input_tokens: tokens.input,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: tokens.output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: tokens.input + tokens.output,
        },
      },
    }),
  error: openaiError,
  sentSchema: (body) =>
    (body.text as { format?: { schema?: unknown } } | undefined)?.format?.schema,
};

/** An OpenAI-compatible server (Ollama, vLLM): chat completions (`POST /v1/chat/completions`). */
export const compatibleFake: ProviderFake = {
  provider: "openai-compatible",
  model: "openai-compatible:llama3.1:8b",
  path: "/v1/chat/completions",
  env: (url) => ({
    SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL: `${url}/v1`,
    SKILLFLOW_OPENAI_COMPATIBLE_API_KEY: KEY,
  }),
  answer:
    (text, tokens = DEFAULT_TOKENS) =>
    (request) => ({
      body: {
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1_700_000_000,
        model: request.body.model,
        choices: [
          { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" },
        ],
        usage: {
          prompt_tokens: tokens.input,
          completion_tokens: tokens.output,
          total_tokens: tokens.input + tokens.output,
        },
      },
    }),
  error: openaiError,
  sentSchema: (body) =>
    (body.response_format as { json_schema?: { schema?: unknown } } | undefined)?.json_schema
      ?.schema,
};

/** Every provider's fake, for `describe.each`. */
export const PROVIDER_FAKES = [anthropicFake, openaiFake, compatibleFake];

/** A tool context as the runtime passes it. */
export function contextWith(signal: AbortSignal = new AbortController().signal): ToolRunContext {
  return { signal, runId: "run-1", stepId: "ask", attempt: 1 };
}
