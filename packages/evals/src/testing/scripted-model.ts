// A scripted model for offline tests and demos: an AI SDK model whose answers a function decides.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
} from "@ai-sdk/provider";

/** What a script sees of one model call. */
export interface PromptView {
  system: string;
  /** The user's task. */
  user: string;
  /** Results of earlier tool calls in this run, in order; `error` when the tool failed. */
  toolResults: { name: string; output: string; error: boolean }[];
  /** Names of the tools offered. */
  tools: string[];
  /** 1 for the first call of a run. */
  step: number;
}

/** A script's reply: a final text, or one tool call. */
export type ScriptedReply =
  { text: string } | { call: { name: string; input: Record<string, unknown> } };

/** Decides each reply; `trial` lets a script vary between repeats. */
export type Script = (view: PromptView) => ScriptedReply;

function textOf(parts: readonly { type: string; text?: string }[]): string {
  return parts.map((p) => (p.type === "text" ? (p.text ?? "") : "")).join("");
}

function outputText(output: unknown): string {
  const value = output as { type?: string; value?: unknown };
  if (value?.type === "text" || value?.type === "error-text") return String(value.value);
  return JSON.stringify(value?.value ?? output);
}

/** The prompt as a script sees it. */
function view(options: LanguageModelV3CallOptions): PromptView {
  const out: PromptView = { system: "", user: "", toolResults: [], tools: [], step: 1 };
  for (const message of options.prompt) {
    if (message.role === "system") out.system += message.content;
    else if (message.role === "user") out.user += textOf(message.content);
    else if (message.role === "assistant")
      out.step += message.content.some((p) => p.type === "tool-call") ? 1 : 0;
    else if (message.role === "tool")
      for (const part of message.content)
        if (part.type === "tool-result")
          out.toolResults.push({
            name: part.toolName,
            output: outputText(part.output),
            error: /^error/.test((part.output as { type?: string }).type ?? ""),
          });
  }
  out.tools = (options.tools ?? []).map((t) => t.name);
  return out;
}

/** Rough token counts (4 characters a token) so usage and cost paths are exercised. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** An AI SDK model (specification v3) answering through `script`; counts its calls. */
export function scriptedModel(
  script: Script,
  modelId = "scripted",
): LanguageModelV3 & { calls: number } {
  const model = {
    specificationVersion: "v3" as const,
    provider: "scripted",
    modelId,
    supportedUrls: {},
    calls: 0,
    async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      model.calls++;
      const seen = view(options);
      const reply = script(seen);
      const content: LanguageModelV3Content[] =
        "text" in reply
          ? [{ type: "text", text: reply.text }]
          : [
              {
                type: "tool-call",
                // From the step, not a counter: concurrent runs get the ids sequential ones do.
                toolCallId: `call-${seen.step}`,
                toolName: reply.call.name,
                input: JSON.stringify(reply.call.input),
              },
            ];
      const input = tokens(
        seen.system + seen.user + seen.toolResults.map((r) => r.output).join(""),
      );
      const output = tokens(JSON.stringify(content));
      return {
        content,
        finishReason: { unified: "text" in reply ? "stop" : "tool-calls", raw: undefined },
        usage: {
          inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: output, text: output, reasoning: 0 },
        },
        warnings: [],
      };
    },
    doStream(): never {
      throw new Error("scriptedModel does not stream");
    },
  };
  return model;
}
