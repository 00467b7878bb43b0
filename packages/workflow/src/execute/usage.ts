// [EXT] Sums the usage tools report (ToolResult.usage) into a step's record.
import type { ToolUsage } from "../model/adapter.js";
import type { StepUsage } from "../model/run-log.js";

/** Adds one call's usage to a running total (creating it on first use). */
export function addUsage(
  total: StepUsage | undefined,
  usage: ToolUsage | StepUsage | undefined,
): StepUsage | undefined {
  if (!usage) return total;
  const calls = "calls" in usage ? usage.calls : 1;
  const cost = usage.costUsd;
  if (!total) {
    return {
      calls,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costUsd: cost,
    };
  }
  total.calls += calls;
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
  total.costUsd = total.costUsd === null || cost === null ? null : total.costUsd + cost;
  return total;
}

/** Reads a host-reported usage defensively: only well-formed numbers count. */
export function readUsage(value: unknown): ToolUsage | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const u = value as Partial<ToolUsage>;
  if (typeof u.inputTokens !== "number" || typeof u.outputTokens !== "number") return undefined;
  return {
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    costUsd: typeof u.costUsd === "number" ? u.costUsd : null,
  };
}
