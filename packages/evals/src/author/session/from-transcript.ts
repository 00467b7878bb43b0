// --from-transcript: a `skillflow agent --json` transcript as a session source. Its tool calls
// are shown to the model and become the dry run's fixtures, so the dry run replays them.
import { z } from "zod";
import type { FixtureAnswer, Fixtures } from "../fixtures.js";
import { firstIssueField } from "../issues.js";
import { capped, shown } from "./_render.js";
import { AuthorSourceError, type AuthorSource } from "./source.js";

/** The agent harness's own tools: how the agent read skills, not steps a workflow repeats. */
const HARNESS_TOOLS = new Set(["activate_skill", "read_skill_resource"]);

const CallSchema = z.object({
  name: z.string().min(1),
  input: z.unknown(),
  output: z.unknown().optional(),
  error: z.string().optional(),
});

interface Recorded {
  prompt: string;
  model?: string | undefined;
  output?: string | undefined;
  toolCalls: z.infer<typeof CallSchema>[];
  usage: { inputTokens: number; outputTokens: number; totalTokens: number; costUsd: number | null };
  children?: { transcript: Recorded }[] | undefined;
}

const count = z.number().int().nonnegative();
const TranscriptSchema: z.ZodType<Recorded> = z.lazy(() =>
  z.object({
    prompt: z.string(),
    model: z.string().optional(),
    output: z.string().optional(),
    toolCalls: z.array(CallSchema),
    usage: z.object({
      inputTokens: count,
      outputTokens: count,
      totalTokens: count,
      costUsd: z.number().nonnegative().nullable(),
    }),
    children: z.array(z.object({ transcript: TranscriptSchema })).optional(),
  }),
);

/** Every tool call of the run and of its forked children, in order (harness tools left out). */
function callsOf(t: Recorded): Recorded["toolCalls"] {
  const own = t.toolCalls.filter((c) => !HARNESS_TOOLS.has(c.name));
  return [...own, ...(t.children ?? []).flatMap((c) => callsOf(c.transcript))];
}

const isArgs = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0;

/** Each tool's recorded answers, one per call in order, matched on the recorded arguments. */
function fixturesOf(calls: Recorded["toolCalls"]): Fixtures {
  const out: Record<string, FixtureAnswer[]> = {};
  for (const call of calls) {
    const answer: FixtureAnswer =
      call.error !== undefined
        ? { error: call.error, retryable: false }
        : { output: call.output ?? null };
    if (isArgs(call.input)) answer.when = call.input;
    if (!Object.hasOwn(out, call.name))
      Object.defineProperty(out, call.name, { value: [], enumerable: true, writable: true });
    out[call.name]!.push(answer);
  }
  return out;
}

function contextOf(t: Recorded, calls: Recorded["toolCalls"]): string {
  const lines = calls.map(
    (c, i) =>
      `${i + 1}. ${c.name} ${shown(c.input)} → ${c.error !== undefined ? `error: ${shown(c.error)}` : shown(c.output)}`,
  );
  return [
    `What an agent did once (a recorded \`skillflow agent\` run${t.model ? ` with ${t.model}` : ""}). Its task:\n${shown(t.prompt)}`,
    `Its tool calls, in order (values shortened):\n${lines.length > 0 ? capped(lines) : "(none)"}`,
    ...(t.output ? [`Its final answer:\n${shown(t.output)}`] : []),
    "Write a deterministic workflow that does the same: the same tool calls with the data flowing " +
      "between them; judgement the agent made itself (summarising, classifying, writing) becomes an " +
      "`llm` step. The dry run answers these tools with their recorded outputs: a call is answered " +
      "when its arguments include the recorded ones, so pass the same values (as input defaults).",
  ].join("\n\n");
}

/**
 * A transcript (`skillflow agent --json`, a `Transcript`) as a session source: the task and tool
 * calls for the model, the recorded outputs as fixtures, its usage for the cost comparison. A value
 * that is not a transcript is `INVALID_TRANSCRIPT` naming the field.
 */
export function transcriptSource(value: unknown): AuthorSource {
  const parsed = TranscriptSchema.safeParse(value);
  if (!parsed.success) {
    const { field, message } = firstIssueField(parsed.error, "transcript");
    throw new AuthorSourceError(
      "INVALID_TRANSCRIPT",
      `not an agent transcript: ${field}: ${message} (write one with skillflow agent "<task>" --json > transcript.json)`,
      field,
    );
  }
  const t = parsed.data;
  const calls = callsOf(t);
  const { inputTokens, outputTokens, totalTokens, costUsd } = t.usage;
  return {
    kind: "transcript",
    context: contextOf(t, calls),
    recordedFixtures: fixturesOf(calls),
    usage: { inputTokens, outputTokens, totalTokens, costUsd },
    task: t.prompt,
  };
}
