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

  it("returns the checkpoint itself without secrets or secret-named inputs", () => {
    const cp = { ...checkpoint([record("a", "x")]), inputs: { n: 1 } };
    expect(createCheckpointRedactor([])(cp)).toBe(cp);
  });

  it("never keeps a secret-named input, however short, in the inputs or the final log", () => {
    const cp: Checkpoint = {
      ...checkpoint([]),
      inputs: { password: "abc", pin: 7, apiKey: 12 },
      final: {
        id: "r1",
        workflow: "wf",
        status: "success",
        summary: { steps_executed: 0, steps_skipped: 0, total_duration_ms: 0 },
        started_at: "2026-01-01T00:00:00.000Z",
        completed_at: "2026-01-01T00:00:00.000Z",
        duration_ms: 0,
        inputs: { password: "abc", pin: 7, apiKey: 12 },
        steps: [],
        outputs: {},
      },
    };
    for (const secrets of [[], ["s3cret"]]) {
      const out = createCheckpointRedactor(secrets)(cp);
      const masked = { password: "[REDACTED]", pin: 7, apiKey: "[REDACTED]" };
      expect(out.inputs).toEqual(masked);
      expect(out.final?.inputs).toEqual(masked);
    }
    expect(cp.inputs).toEqual({ password: "abc", pin: 7, apiKey: 12 });
  });
});
