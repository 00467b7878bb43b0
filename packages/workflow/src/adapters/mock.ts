// MockToolAdapter: an in-memory ToolAdapter backed by inline handlers, for tests and examples (§8.1).
import type {
  JsonSchema,
  ToolAdapter,
  ToolDescriptor,
  ToolHandler,
  ToolInvocationContext,
  ToolResult,
} from "../model/adapter.js";

/** Catalog data that may accompany a registration; `list()` reports it. */
export interface MockToolDescriptor {
  description?: string;
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
}

interface Registration {
  handler: ToolHandler;
  descriptor: MockToolDescriptor | undefined;
}

/**
 * A `ToolAdapter` whose tools are plain functions registered at run time. Unregistered names resolve
 * with an error result (never a rejection); handler exceptions, synchronous or not, become rejections.
 */
export class MockToolAdapter implements ToolAdapter {
  // A Map keeps the position of a key when its value is replaced: list() stays in first-registration order.
  readonly #tools = new Map<string, Registration>();

  /** Registers `handler` under `toolName`, replacing any earlier registration of that name. */
  register(toolName: string, handler: ToolHandler, descriptor?: MockToolDescriptor): this {
    this.#tools.set(toolName, { handler, descriptor });
    return this;
  }

  /** True when `toolName` has been registered. */
  has(toolName: string): boolean {
    return this.#tools.has(toolName);
  }

  /** Descriptors of every registered tool, in order of first registration. */
  list(): ToolDescriptor[] {
    return [...this.#tools].map(([name, { descriptor }]) => {
      const out: ToolDescriptor = { name, description: descriptor?.description ?? "" };
      if (descriptor?.inputSchema !== undefined) out.inputSchema = descriptor.inputSchema;
      if (descriptor?.outputSchema !== undefined) out.outputSchema = descriptor.outputSchema;
      return out;
    });
  }

  /**
   * Calls the handler registered under `toolName` with `args` and `context`. Declared `async` so
   * that a handler throwing synchronously still yields a rejected promise.
   */
  async invoke(
    toolName: string,
    args: Record<string, unknown>,
    context?: ToolInvocationContext,
  ): Promise<ToolResult> {
    const registration = this.#tools.get(toolName);
    if (registration === undefined) {
      return { output: null, error: `Tool "${toolName}" not registered` };
    }
    return registration.handler(args, context);
  }
}
