// The description proposer: a few candidate descriptions from the training misses.
import { generateText, type LanguageModel } from "ai";
import { MAX_DESCRIPTION_CHARS } from "./candidate.js";

/** What the description proposer is told, whatever the skill. */
export const DESCRIBER_SYSTEM = `You write the description of an Agent Skill: the one or two sentences an agent reads to decide whether to use the skill for a task. Say what the skill does and when to use it, in general terms covering the kind of tasks, not the exact sentences you are shown. Do not claim the tasks of the other skills listed. Each description at most ${MAX_DESCRIPTION_CHARS} characters, no angle brackets. Answer with a JSON array of strings and nothing else.`;

/** What one request for descriptions needs. */
export interface DescribeRequest {
  model: LanguageModel;
  name: string;
  description: string;
  /** The start of the skill's instructions, so the descriptions stay true to it. */
  body: string;
  missed: readonly string[];
  falseAlarms: readonly string[];
  others: readonly { name: string; description: string }[];
  count: number;
  signal?: AbortSignal;
}

const list = (items: readonly string[]) => items.map((s) => `- ${s}`).join("\n") || "- (none)";

/** The prompt of a request for descriptions. */
export function describerPrompt(r: Omit<DescribeRequest, "model" | "signal">): string {
  return [
    `Skill "${r.name}". Current description:\n${r.description}`,
    `Its instructions begin:\n${r.body.slice(0, 1500)}`,
    `Tasks it should have been used for, but was not:\n${list(r.missed)}`,
    `Tasks it was used for, but should not have been:\n${list(r.falseAlarms)}`,
    `Other skills the agent can choose from (do not take their tasks):\n${list(r.others.map((o) => `${o.name}: ${o.description}`))}`,
    `Write ${r.count} different candidate descriptions.`,
  ].join("\n\n");
}

/** The most tokens an answer may use. */
export const describeMaxTokens = (count: number): number => count * 300 + 100;

/** The candidate descriptions of an answer: a JSON array of strings (anything else is dropped). */
export function parseDescriptions(answer: string): string[] {
  const start = answer.indexOf("[");
  const end = answer.lastIndexOf("]");
  if (start < 0 || end <= start) return [];
  try {
    const value: unknown = JSON.parse(answer.slice(start, end + 1));
    if (!Array.isArray(value)) return [];
    return value.filter((v): v is string => typeof v === "string").map((v) => v.trim());
  } catch {
    return [];
  }
}

/** Asks for `count` descriptions; the answer's text. */
export async function describe(request: DescribeRequest): Promise<string> {
  const { text } = await generateText({
    model: request.model,
    system: DESCRIBER_SYSTEM,
    prompt: describerPrompt(request),
    maxOutputTokens: describeMaxTokens(request.count),
    ...(request.signal ? { abortSignal: request.signal } : {}),
  });
  return text;
}
