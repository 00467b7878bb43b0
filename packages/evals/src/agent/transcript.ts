// The record of one agent run: what was said, which tools and skills were used, what it cost.

/** One tool call of the run, with its result (or error). */
export interface TranscriptToolCall {
  step: number;
  name: string;
  input: unknown;
  output?: unknown;
  error?: string;
}

/** One message of the conversation, as text for people (tool traffic is in `toolCalls`). */
export interface TranscriptMessage {
  role: "system" | "user" | "assistant" | "tool";
  text: string;
}

/** Token counts summed over every model call of the run (children included). */
export interface TranscriptUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** USD from the price table; null when a model's price is unknown. */
  costUsd: number | null;
}

/** A finished agent run; `children` hold the runs of skills with `context: fork`. */
export interface Transcript {
  model: string;
  prompt: string;
  system: string;
  messages: TranscriptMessage[];
  toolCalls: TranscriptToolCall[];
  /** Skill names activated, in order (a skill activated twice appears twice). */
  activatedSkills: string[];
  /** Skills whose instructions were loaded into the system prompt before the run. */
  loadedSkills: string[];
  usage: TranscriptUsage;
  steps: number;
  durationMs: number;
  /** The final answer. */
  output: string;
  /** Why the run ended early (provider error, step limit, abort); absent on success. */
  error?: string;
  children: { skill: string; transcript: Transcript }[];
}

/** Adds a child's usage into its parent's (costs stay null once any is unknown). */
export function addUsage(into: TranscriptUsage, more: TranscriptUsage): void {
  into.inputTokens += more.inputTokens;
  into.outputTokens += more.outputTokens;
  into.totalTokens += more.totalTokens;
  into.costUsd =
    into.costUsd === null || more.costUsd === null ? null : into.costUsd + more.costUsd;
}
