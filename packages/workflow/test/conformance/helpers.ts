// Shared helpers of the black-box conformance suite: document builders, a deterministic run harness
// (virtual clock, sequential ids, event capture) and compact event traces.
import { MockToolAdapter, runWorkflow, runWorkflowSkill } from "../../src/index.js";
import type { RunLog, RuntimeEvent, ToolAdapter, WorkflowDefinition } from "../../src/index.js";
import { createTestServices } from "../../src/testing/clock.js";
import type { TestServices } from "../../src/testing/clock.js";

export { createTestServices };
export type { TestServices };

/** Removes the common indentation of a template literal and its leading/trailing blank lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, "")
    .replace(/\n[ \t]*$/, "")
    .split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ ]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join("\n");
}

/** Wraps workflow YAML in a SKILL.md document with valid frontmatter and a ```workflow fence. */
export function skill(yaml: string, name = "test-skill"): string {
  return [
    "---",
    `name: ${name}`,
    "description: A conformance test skill.",
    "---",
    "",
    "# Test skill",
    "",
    "Some prose for humans.",
    "",
    "```workflow",
    dedent(yaml),
    "```",
    "",
  ].join("\n");
}

export type SkillRunOptions = Omit<
  Parameters<typeof runWorkflowSkill>[0],
  "content" | "toolAdapter" | "services"
> & { toolAdapter?: ToolAdapter; services?: TestServices };

export type DefinitionRunOptions = Omit<
  Parameters<typeof runWorkflow>[0],
  "workflow" | "toolAdapter" | "services"
> & { toolAdapter?: ToolAdapter; services?: TestServices };

export interface Harness {
  log: RunLog;
  events: RuntimeEvent[];
  services: TestServices;
}

/**
 * [EXT §13.5] Every event carries the run's id: checked here once for the whole suite, then removed so
 * the §1–§12 assertions compare the events exactly as before. A child run's events keep their own id
 * (`<run id>/<step id>…`, §13.9.5), which the composition tests assert.
 */
function withoutRunIds(events: RuntimeEvent[], log: RunLog): RuntimeEvent[] {
  return events.map((event) => {
    if (event.runId.startsWith(`${log.id}/`)) return event;
    if (event.runId !== log.id) {
      throw new Error(`event ${event.type} has runId ${String(event.runId)}, run log id ${log.id}`);
    }
    const { runId: _runId, ...rest } = event;
    return rest as RuntimeEvent;
  });
}

/** Runs `runWorkflowSkill` with a virtual clock, capturing every event. */
export async function runSkill(content: string, options: SkillRunOptions = {}): Promise<Harness> {
  const services = options.services ?? createTestServices();
  const events: RuntimeEvent[] = [];
  const user = options.onEvent;
  const log = await runWorkflowSkill({
    ...options,
    content,
    toolAdapter: options.toolAdapter ?? new MockToolAdapter(),
    services,
    onEvent: (event) => {
      events.push(event);
      user?.(event);
    },
  });
  return { log, events: withoutRunIds(events, log), services };
}

/** Runs `runWorkflow` with a virtual clock, capturing every event. */
export async function runDefinition(
  workflow: WorkflowDefinition,
  options: DefinitionRunOptions = {},
): Promise<Harness> {
  const services = options.services ?? createTestServices();
  const events: RuntimeEvent[] = [];
  const user = options.onEvent;
  const log = await runWorkflow({
    ...options,
    workflow,
    toolAdapter: options.toolAdapter ?? new MockToolAdapter(),
    services,
    onEvent: (event) => {
      events.push(event);
      user?.(event);
    },
  });
  return { log, events: withoutRunIds(events, log), services };
}

/** A compact, human-readable rendering of an event stream. */
export function trace(events: readonly RuntimeEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case "workflow_start":
        return `workflow_start`;
      case "step_start":
        return `step_start(${e.stepId})`;
      case "step_skip":
        return `step_skip(${e.stepId}, ${e.reason})`;
      case "step_retry":
        return e.iteration === undefined
          ? `step_retry(${e.stepId}, ${e.attempt})`
          : `step_retry(${e.stepId}, ${e.attempt}, #${e.iteration})`;
      case "step_error":
        return `step_error(${e.stepId})`;
      case "each_progress":
        return `each_progress(${e.stepId}, ${e.current}/${e.total})`;
      case "step_complete":
        return `step_complete(${e.stepId}, ${e.status})`;
      case "workflow_complete":
        return `workflow_complete(${e.status})`;
      default:
        return e.type;
    }
  });
}

/** Events of one type, narrowed. */
export function eventsOf<T extends RuntimeEvent["type"]>(
  events: readonly RuntimeEvent[],
  type: T,
): Extract<RuntimeEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);
}

/** The record of step `id` (the first one when a step ran several times). */
export function record(log: RunLog, id: string) {
  const found = log.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no record for step "${id}"`);
  return found;
}

/** JSON round trip: drops keys holding `undefined`, as a host storing the log would. */
export function json<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** A MockToolAdapter whose `echo` tool returns its arguments as output. */
export function echoAdapter(): MockToolAdapter {
  const adapter = new MockToolAdapter();
  adapter.register("echo", (args) => ({ output: args }));
  return adapter;
}

/** A promise that never settles. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/** Lets pending microtasks and immediates run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/** 1-based line number of the first line of `content` containing `needle`. */
export function lineOf(content: string, needle: string): number {
  const lines = content.split("\n");
  const i = lines.findIndex((l) => l.includes(needle));
  if (i === -1) throw new Error(`"${needle}" not found`);
  return i + 1;
}
