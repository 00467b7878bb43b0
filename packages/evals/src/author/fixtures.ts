// Fixtures of a dry run: the JSON format (one zod schema) and how a call picks its answer.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";

/**
 * One answer: `{ output }` (what the tool returns) or `{ error }` (the tool fails with this
 * message, retriable unless `retryable: false`); `when` restricts it to calls whose arguments hold
 * these values (each key compared deeply), `step` to calls from that step id.
 */
export const FixtureAnswerSchema = z
  .strictObject(
    {
      output: z.unknown().optional(),
      error: z.string().min(1).optional(),
      retryable: z.boolean().optional(),
      when: z.record(z.string(), z.unknown()).optional(),
      step: z.string().min(1).optional(),
    },
    {
      error:
        'a fixture answer is an object { "output": ... } or { "error": "..." }, optionally with "when" and "step"',
    },
  )
  .refine((a) => "output" in a || a.error !== undefined, {
    error: 'a fixture answer needs "output" (the tool\'s result) or "error" (its failure)',
  });

/**
 * Fixtures: tool name → one answer (it answers every matching call) or a list of answers (each
 * answers one call, in order: the first unused one that matches). `llm` steps are tool steps of
 * the tool `llm`, answered the same way.
 */
export const FixturesSchema = z.record(
  z.string(),
  z.union([FixtureAnswerSchema, z.array(FixtureAnswerSchema)]),
);

/** One fixture answer; see `FixtureAnswerSchema`. */
export type FixtureAnswer = z.infer<typeof FixtureAnswerSchema>;
/** The fixtures of a dry run; see `FixturesSchema`. */
export type Fixtures = z.infer<typeof FixturesSchema>;

/** Where a call comes from: its step (and iteration). */
export interface CallSite {
  stepId: string;
  iteration?: number;
}

function matches(answer: FixtureAnswer, args: Record<string, unknown>, site: CallSite): boolean {
  if (answer.step !== undefined && answer.step !== site.stepId) return false;
  for (const [key, value] of Object.entries(answer.when ?? {}))
    if (!Object.hasOwn(args, key) || !isDeepStrictEqual(args[key], value)) return false;
  return true;
}

/** Picks answers from fixtures, consuming list entries as they are used. */
export class FixtureBook {
  readonly #fixtures: Fixtures;
  readonly #used = new Map<string, Set<number>>();

  constructor(fixtures: Fixtures) {
    this.#fixtures = fixtures;
  }

  /** True when `tool` has fixtures at all. */
  has(tool: string): boolean {
    return Object.hasOwn(this.#fixtures, tool);
  }

  /** The answer for this call, or undefined when none is left that matches. */
  take(tool: string, args: Record<string, unknown>, site: CallSite): FixtureAnswer | undefined {
    if (!this.has(tool)) return undefined;
    const entry = this.#fixtures[tool]!;
    if (!Array.isArray(entry)) return matches(entry, args, site) ? entry : undefined;
    const used = this.#used.get(tool) ?? new Set<number>();
    this.#used.set(tool, used);
    const index = entry.findIndex((a, i) => !used.has(i) && matches(a, args, site));
    if (index === -1) return undefined;
    used.add(index);
    return entry[index];
  }
}
