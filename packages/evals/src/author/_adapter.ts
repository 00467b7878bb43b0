// The dry run's tool adapter: answers from fixtures, then from a recorded run; never a real tool.
import type {
  ToolAdapter,
  ToolDescriptor,
  ToolInvocationContext,
  ToolResult,
} from "@skillflow/workflow";
import { boundValue } from "./bound.js";
import type { CallSite, FixtureBook } from "./fixtures.js";
import type { RecordedRun } from "./replay.js";

/** A call nothing answered. */
export interface UnansweredCall {
  tool: string;
  step: string;
  iteration?: number;
  /** 1 for the first call of this tool in the run. */
  call: number;
  /** Its arguments (bounded). */
  arguments: Record<string, unknown>;
  message: string;
}

function unansweredMessage(tool: string, site: CallSite, call: number, why?: string): string {
  const where = `step "${site.stepId}"${site.iteration !== undefined ? `, iteration ${site.iteration}` : ""}`;
  return (
    `dry run: nothing answers call ${call} of tool "${tool}" (${where})${why ? `: ${why}` : ""}; ` +
    `add a fixture: fixtures["${tool}"] = { "output": <what it returns> } ` +
    `(a list of answers is used one per call, in order; "when" matches arguments)`
  );
}

/** Answers each call from the fixture book, then the recording; records the calls it cannot answer. */
export class DryRunAdapter implements ToolAdapter {
  readonly unanswered: UnansweredCall[] = [];
  readonly notes: string[] = [];
  readonly #calls = new Map<string, number>();

  constructor(
    private readonly book: FixtureBook,
    private readonly recorded: RecordedRun | undefined,
    private readonly tools: ToolAdapter | undefined,
  ) {}

  /** A tool the real run would have (any name without `tools`): the real adapter is only asked. */
  has(name: string): boolean {
    return this.tools === undefined ? true : this.tools.has(name);
  }

  list(): ToolDescriptor[] {
    return this.tools?.list?.() ?? [];
  }

  async invoke(
    tool: string,
    args: Record<string, unknown>,
    context?: ToolInvocationContext,
  ): Promise<ToolResult> {
    const call = (this.#calls.get(tool) ?? 0) + 1;
    this.#calls.set(tool, call);
    const site: CallSite = { stepId: context?.stepId ?? "?" };
    if (context?.iteration !== undefined) site.iteration = context.iteration;
    const fixture = this.book.take(tool, args, site);
    if (fixture !== undefined) {
      if (fixture.error !== undefined)
        return {
          output: null,
          error: fixture.error,
          ...(fixture.retryable === false ? { retryable: false } : {}),
        };
      return { output: fixture.output ?? null };
    }
    const replayed = this.recorded?.answer(site);
    if (replayed !== undefined && "output" in replayed) {
      if (replayed.note !== undefined) this.notes.push(`step "${site.stepId}": ${replayed.note}`);
      return { output: replayed.output };
    }
    if (replayed !== undefined && "error" in replayed)
      return { output: null, error: replayed.error, retryable: false };
    const message = unansweredMessage(tool, site, call, replayed?.missing);
    const record: UnansweredCall = {
      tool,
      step: site.stepId,
      call,
      arguments: boundValue(args).value as Record<string, unknown>,
      message,
    };
    if (site.iteration !== undefined) record.iteration = site.iteration;
    this.unanswered.push(record);
    return { output: null, error: message, retryable: false };
  }
}
