// createCheckpointRedactor: secrets never reach a saved checkpoint; each record is redacted once.
import { describe, expect, it } from "vitest";
import type { Checkpoint } from "@skillflow/workflow";
import { createCheckpointRedactor } from "@skillflow/store";

function checkpoint(records: Checkpoint["records"]): Checkpoint {
  return {
    runId: "r1",
    workflow: "wf",
    workflow_hash: "0".repeat(64),
    inputs: { token: "s3cret", n: 1 },
    started_at: "2026-01-01T00:00:00.000Z",
    segment: 1,
    records,
    iterations: { each: { "0": { ok: true, output: "got s3cret" } } },
    position: { path: ["b"] },
  };
}

const record = (id: string, output: unknown): Checkpoint["records"][number] => ({
  id,
  executor: "tool",
  status: "success",
  duration_ms: 1,
  output,
});

describe("createCheckpointRedactor", () => {
  it("replaces secrets everywhere in the checkpoint, and reuses a record it already redacted", () => {
    const redact = createCheckpointRedactor(["s3cret"]);
    const a = record("a", { value: "the s3cret" });
    const first = redact(checkpoint([a]));
    expect(JSON.stringify(first)).not.toContain("s3cret");
    expect(first.inputs).toEqual({ token: "[REDACTED]", n: 1 });
    expect(first.records[0]?.output).toEqual({ value: "the [REDACTED]" });
    const second = redact(checkpoint([a, record("b", "s3cret")]));
    expect(second.records[0]).toBe(first.records[0]);
    expect(second.records[1]?.output).toBe("[REDACTED]");
  });

  it("returns the checkpoint itself without secrets", () => {
    const cp = checkpoint([record("a", "x")]);
    expect(createCheckpointRedactor([])(cp)).toBe(cp);
  });
});
