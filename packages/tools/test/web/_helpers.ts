// Shared helpers for the web tool tests: contexts, fake DNS, schema checks, failure capture.
import type { LookupAddress } from "node:dns";
import { Ajv } from "ajv";
import type { JsonSchema } from "@skillflow/workflow";
import { expect } from "vitest";
import { ToolError, type ToolDefinition, type ToolRunContext } from "../../src/tool.js";
import type { HostLookup } from "../../src/web/network.js";

/** An invocation context whose signal is `signal` (never aborted by default). */
export function contextFor(signal: AbortSignal = new AbortController().signal): ToolRunContext {
  return { signal, runId: "run-1", stepId: "step-1", attempt: 1 };
}

/** Fake DNS: names in `table` resolve to their addresses; anything else is NXDOMAIN. */
export function fakeLookup(table: Record<string, string[]>, calls: string[] = []): HostLookup {
  return async (hostname) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    }
    return addresses.map((address): LookupAddress => ({
      address,
      family: address.includes(":") ? 6 : 4,
    }));
  };
}

/** The ToolError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a ToolError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ToolError);
  return outcome.error as ToolError;
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** Asserts that `value` matches `schema`. */
export function expectSchema(schema: JsonSchema | undefined, value: unknown): void {
  expect(schema).toBeDefined();
  const validate = ajv.compile(schema!);
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
}

/** The tool named `name` in `tools`. */
export function toolNamed(tools: readonly ToolDefinition[], name: string): ToolDefinition {
  const tool = tools.find((t) => t.name === name);
  if (tool === undefined) throw new Error(`no tool ${name}`);
  return tool;
}
