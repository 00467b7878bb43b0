// runAgent: a tool-calling loop through the AI SDK, with skills disclosed progressively.
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, jsonSchema, stepCountIs, tool, type LanguageModel, type ToolSet } from "ai";
import type { SkillLibrary } from "@skillflow/skills";
import {
  parseModelRef,
  requestCost,
  resolveModel,
  type LlmEnv,
  type LlmFetch,
} from "@skillflow/tools";
import { setOwn, type ToolAdapter } from "@skillflow/workflow";
import { listedPrice } from "./_price.js";
import { redacted } from "./redact.js";
import { skillTools, skillsPrompt } from "./_skills.js";
import { addUsage, type Transcript, type TranscriptUsage } from "./transcript.js";

/** Options of `runAgent`. */
export interface AgentOptions {
  /** `provider:model` (keys from `env`, as the `llm` tool reads them), or an AI SDK model. */
  model: string | LanguageModelV3;
  prompt: string;
  /** Instructions before the skill catalog. */
  system?: string;
  /**
   * The skills the agent may activate: with a library (even one with no skill to offer) the system
   * prompt holds how to use skills and the `<available_skills>` catalog, and `activate_skill` and
   * `read_skill_resource` are offered.
   */
  library?: SkillLibrary;
  /**
   * Skills of `library` loaded up front: what their activation returns goes into the system prompt
   * and they leave the catalog (they can still be read from with `read_skill_resource`).
   */
  loadedSkills?: readonly string[];
  /** The host's tools, offered to the model next to the skill tools. */
  tools?: ToolAdapter;
  /** Model calls at most; default 20. */
  maxSteps?: number;
  env?: LlmEnv;
  /** Values kept out of the transcript besides the secret values of `env` (see `agentSecrets`). */
  secrets?: readonly string[];
  fetch?: LlmFetch;
  signal?: AbortSignal;
  /** Clock for `durationMs`; default `performance.now`. */
  now?: () => number;
  /** Fork depth of this run (internal: a forked skill cannot fork again beyond 2 levels). */
  depth?: number;
}

const DEFAULT_SYSTEM =
  "You are a capable assistant. Answer the user's task; use tools when they help.";

/**
 * The AI SDK model for `provider:model` (keys and base URLs from `env`, as the `llm` tool reads
 * them); a CONFIGURATION ToolError names a missing key.
 */
export function resolveAgentModel(
  model: string,
  settings: { env?: LlmEnv; fetch?: LlmFetch } = {},
): LanguageModelV3 {
  const ref = parseModelRef(model, "anthropic");
  return resolveModel(ref, {
    env: settings.env ?? {},
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  }).model as LanguageModelV3;
}

function modelOf(options: AgentOptions): { model: LanguageModel; name: string } {
  if (typeof options.model !== "string")
    return { model: options.model, name: options.model.modelId };
  return { model: resolveAgentModel(options.model, options), name: options.model };
}

/** The system prompt: instructions, then (with a library) how to use skills and the catalog. */
async function systemPrompt(options: AgentOptions): Promise<string> {
  const base = options.system ?? DEFAULT_SYSTEM;
  if (!options.library) return base;
  const skills = await skillsPrompt({
    library: options.library,
    loaded: options.loadedSkills ?? [],
    signal: options.signal,
  });
  return `${base}\n\n${skills}`;
}

interface Loop {
  transcript: Transcript;
  options: AgentOptions;
}

function skillToolsOf(loop: Loop): ToolSet {
  const library = loop.options.library;
  if (!library) return {};
  return skillTools({
    library,
    loaded: loop.options.loadedSkills ?? [],
    transcript: loop.transcript,
    signal: loop.options.signal,
    fork: (loop.options.depth ?? 0) < 2 ? (skill, body) => fork(loop, skill, body) : undefined,
  });
}

/** A `context: fork` skill runs in a sub-agent with its own context; only its answer returns. */
async function fork(loop: Loop, skill: string, body: string): Promise<string> {
  const { library: _library, loadedSkills: _loaded, ...rest } = loop.options;
  const child = await runAgent({
    ...rest,
    system: `${loop.options.system ?? DEFAULT_SYSTEM}\n\nFollow these instructions (skill "${skill}"):\n\n${body}`,
    prompt: loop.options.prompt,
    depth: (loop.options.depth ?? 0) + 1,
  });
  loop.transcript.children.push({ skill, transcript: child });
  addUsage(loop.transcript.usage, child.usage);
  if (child.error !== undefined) throw new Error(`forked skill ${skill} failed: ${child.error}`);
  return child.output;
}

function hostTools(loop: Loop): ToolSet {
  const adapter = loop.options.tools;
  if (!adapter?.list) return {};
  // Names come from tool servers: own properties, never a prototype (`__proto__`).
  const out: ToolSet = {};
  for (const descriptor of adapter.list()) {
    setOwn(
      out,
      descriptor.name,
      tool({
        description: descriptor.description,
        inputSchema: jsonSchema<Record<string, unknown>>(
          (descriptor.inputSchema ?? { type: "object" }) as Parameters<typeof jsonSchema>[0],
        ),
        execute: async (input) => {
          const result = await adapter.invoke(descriptor.name, input);
          if (result.error) throw new Error(result.error);
          return result.output;
        },
      }),
    );
  }
  return out;
}

const emptyUsage = (): TranscriptUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  costUsd: 0,
});

/**
 * Runs a task with a model, the skill catalog in its system prompt, `activate_skill` and
 * `read_skill_resource` tools (activation goes through the library: arguments, trusted
 * interpolation; files served are those `skills pack` ships), skills loaded up front, and the
 * host's tools; never rejects: failures end the run with `error` set.
 * The transcript never holds a secret value of `env` or `secrets` (see `agentSecrets`).
 */
export async function runAgent(options: AgentOptions): Promise<Transcript> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const transcript: Transcript = {
    model: typeof options.model === "string" ? options.model : options.model.modelId,
    prompt: options.prompt,
    system: options.system ?? DEFAULT_SYSTEM,
    messages: [],
    toolCalls: [],
    activatedSkills: [],
    loadedSkills: [...(options.loadedSkills ?? [])],
    usage: emptyUsage(),
    steps: 0,
    durationMs: 0,
    output: "",
    children: [],
  };
  const loop: Loop = { transcript, options };
  try {
    const price = typeof options.model === "string" ? listedPrice(options.model) : undefined;
    // Inside the try: a missing key, and loading a skill up front (its activation), may fail.
    const { model } = modelOf(options);
    const system = await systemPrompt(options);
    transcript.system = system;
    transcript.messages.push(
      { role: "system", text: system },
      { role: "user", text: options.prompt },
    );
    const result = await generateText({
      model,
      system,
      prompt: options.prompt,
      tools: { ...hostTools(loop), ...skillToolsOf(loop) },
      stopWhen: stepCountIs(options.maxSteps ?? 20),
      ...(options.signal ? { abortSignal: options.signal } : {}),
    });
    result.steps.forEach((step, index) => {
      if (step.text) transcript.messages.push({ role: "assistant", text: step.text });
      for (const call of step.toolCalls)
        transcript.toolCalls.push({ step: index + 1, name: call.toolName, input: call.input });
      for (const part of step.content) {
        if (part.type === "tool-result") {
          const record = transcript.toolCalls.findLast(
            (c) => c.name === part.toolName && c.output === undefined && c.error === undefined,
          );
          if (record) record.output = part.output;
          transcript.messages.push({
            role: "tool",
            text: `${part.toolName}: ${typeof part.output === "string" ? part.output : JSON.stringify(part.output)}`,
          });
        } else if (part.type === "tool-error") {
          const record = transcript.toolCalls.findLast(
            (c) => c.name === part.toolName && c.output === undefined && c.error === undefined,
          );
          if (record) record.error = String((part.error as Error)?.message ?? part.error);
        }
      }
    });
    const input = result.totalUsage.inputTokens ?? 0;
    const output = result.totalUsage.outputTokens ?? 0;
    const own: TranscriptUsage = {
      inputTokens: input,
      outputTokens: output,
      totalTokens: result.totalUsage.totalTokens ?? input + output,
      costUsd: requestCost(price, input, output),
    };
    addUsage(transcript.usage, own);
    transcript.steps = result.steps.length;
    transcript.output = result.text;
    const last = result.steps.at(-1);
    if (last && last.toolCalls.length > 0 && result.text === "")
      transcript.error = `stopped after ${transcript.steps} steps (maxSteps) without a final answer`;
  } catch (error) {
    transcript.error = error instanceof Error ? error.message : String(error);
  }
  transcript.durationMs = Math.round(now() - started);
  return redacted(transcript, options);
}
