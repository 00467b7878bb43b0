// Shared helpers of the §13 durable tests: a counting tool adapter, checkpoint capture and JSON round trips.
import { MockToolAdapter, runWorkflow, runWorkflowSkill } from "../../src/index.js";
import type {
  Checkpoint,
  RunLog,
  RuntimeEvent,
  ToolAdapter,
  ToolInvocationContext,
  WorkflowDefinition,
} from "../../src/index.js";
import { createTestServices, type TestServices } from "../../src/testing/index.js";

export { createTestServices };
export { skill } from "../conformance/helpers.js";

type SkillOptions = Omit<
  Parameters<typeof runWorkflowSkill>[0],
  "content" | "toolAdapter" | "services"
>;

/** Options of the durable runners: a virtual clock and a mock adapter unless given. */
export type RunOptions = SkillOptions & { toolAdapter?: ToolAdapter; services?: TestServices };

/** A finished segment with every event as emitted (runId included). */
export interface Segment {
  log: RunLog;
  events: RuntimeEvent[];
  services: TestServices;
}

/** Runs `runWorkflowSkill` with a virtual clock, capturing every event as emitted. */
export async function runSkill(content: string, options: RunOptions = {}): Promise<Segment> {
  const services = options.services ?? createTestServices();
  const events: RuntimeEvent[] = [];
  const log = await runWorkflowSkill({
    ...options,
    content,
    toolAdapter: options.toolAdapter ?? new MockToolAdapter(),
    services,
    onEvent: (event) => events.push(event),
  });
  return { log, events, services };
}

/** Runs `runWorkflow` with a virtual clock, capturing every event as emitted. */
export async function runDefinition(
  workflow: WorkflowDefinition,
  options: RunOptions = {},
): Promise<Segment> {
  const services = options.services ?? createTestServices();
  const events: RuntimeEvent[] = [];
  const log = await runWorkflow({
    ...options,
    workflow,
    toolAdapter: options.toolAdapter ?? new MockToolAdapter(),
    services,
    onEvent: (event) => events.push(event),
  });
  return { log, events, services };
}

/** A tool adapter whose `count` tool echoes `{ n: args.n }` and counts calls per idempotency key. */
export class CountingAdapter extends MockToolAdapter {
  readonly calls = new Map<string, number>();
  readonly keys: string[] = [];

  constructor() {
    super();
    this.register("count", (args, context?: ToolInvocationContext) => {
      const key = context?.idempotencyKey ?? "?";
      this.keys.push(key);
      this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
      return { output: { n: args["n"] ?? null } };
    });
  }

  /** Total calls made through this adapter. */
  get total(): number {
    let sum = 0;
    for (const n of this.calls.values()) sum += n;
    return sum;
  }
}

/** A JSON round trip, as a host storing checkpoints would do. */
export function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Collects checkpoints (as stored JSON) and can fail after `failAfter` successful writes. */
export function checkpointSink(failAfter = Infinity): {
  list: Checkpoint[];
  sink: (checkpoint: Checkpoint) => Promise<void>;
} {
  const list: Checkpoint[] = [];
  return {
    list,
    sink: (checkpoint) => {
      if (list.length >= failAfter) return Promise.reject(new Error("disk full"));
      list.push(roundTrip(checkpoint));
      return Promise.resolve();
    },
  };
}
