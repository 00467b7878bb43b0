// Which provider and model a `model` string names, and the AI SDK model built for it from the environment.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { ToolError } from "../tool.js";

/** The providers the `llm` tool can call. */
export const LLM_PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const;

/** One of `LLM_PROVIDERS`. */
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** Where settings are read from: `process.env` unless a host injects its own mapping. */
export type LlmEnv = Readonly<Record<string, string | undefined>>;

/** The `fetch` the providers use (injectable so tests never touch the network). */
export type LlmFetch = typeof globalThis.fetch;

/** The environment variables each provider reads: its API key and its base URL. */
export const LLM_ENV_VARS: Readonly<
  Record<LlmProvider, { readonly apiKey: string; readonly baseUrl: string }>
> = {
  anthropic: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" },
  openai: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" },
  "openai-compatible": {
    apiKey: "SKILLFLOW_OPENAI_COMPATIBLE_API_KEY",
    baseUrl: "SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL",
  },
};

const DEFAULT_BASE_URLS: Readonly<Record<"anthropic" | "openai", string>> = {
  anthropic: "https://api.anthropic.com/v1",
  openai: "https://api.openai.com/v1",
};

/** A model named by provider and the provider's own model id. */
export interface ModelRef {
  provider: LlmProvider;
  modelId: string;
}

function isProvider(value: string): value is LlmProvider {
  return (LLM_PROVIDERS as readonly string[]).includes(value);
}

/**
 * Reads `provider:model-id`, or a bare id that goes to `defaultProvider`. Only a known provider name
 * before the first colon is a prefix, so ids that contain colons themselves (Ollama's `llama3.1:8b`,
 * OpenAI's `ft:gpt-4o-mini:org::id`) stay whole.
 */
export function parseModelRef(model: string, defaultProvider: LlmProvider): ModelRef {
  const colon = model.indexOf(":");
  const prefix = colon < 0 ? "" : model.slice(0, colon);
  const ref = isProvider(prefix)
    ? { provider: prefix, modelId: model.slice(colon + 1).trim() }
    : { provider: defaultProvider, modelId: model.trim() };
  if (ref.modelId === "") {
    throw new ToolError("INVALID_ARGUMENTS", `"model" names no model id: "${model}"`);
  }
  if (model.trim().startsWith(":")) {
    throw new ToolError(
      "INVALID_ARGUMENTS",
      `"model" names no provider before ":": "${model}" (write anthropic:<id>, openai:<id> or openai-compatible:<id>)`,
    );
  }
  return ref;
}

/** The canonical `provider:model-id` text of a reference (used in usage records and messages). */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}:${ref.modelId}`;
}

/** Settings a provider is built from. */
export interface ProviderSettings {
  env: LlmEnv;
  fetch?: LlmFetch | undefined;
}

/** An AI SDK model ready to call, and the variable holding its key (named in auth errors). */
export interface ResolvedModel {
  ref: ModelRef;
  model: LanguageModel;
  keyVariable: string;
}

function setting(env: LlmEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function requireKey(env: LlmEnv, ref: ModelRef): string {
  const name = LLM_ENV_VARS[ref.provider].apiKey;
  const key = setting(env, name);
  if (key === undefined) {
    throw new ToolError("CONFIGURATION", `Set ${name} to use ${formatModelRef(ref)}`);
  }
  return key;
}

/** A base URL from `name`, checked to be http(s) and stripped of trailing slashes. */
function baseUrl(env: LlmEnv, name: string): string | undefined {
  const raw = setting(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value itself is not echoed: a base URL can carry credentials.
    throw new ToolError("CONFIGURATION", `${name} is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ToolError("CONFIGURATION", `${name} must be an http or https URL`);
  }
  return raw.replace(/\/+$/, "");
}

/**
 * Anthropic's own SDKs read `ANTHROPIC_BASE_URL` without the `/v1` segment (`https://host`) while the
 * AI SDK expects it with (`https://host/v1`); both spellings work here.
 */
function anthropicBaseUrl(env: LlmEnv): string {
  const url = baseUrl(env, LLM_ENV_VARS.anthropic.baseUrl);
  if (url === undefined) return DEFAULT_BASE_URLS.anthropic;
  return /\/v1$/.test(new URL(url).pathname) ? url : `${url}/v1`;
}

function fetchOption(settings: ProviderSettings): { fetch?: LlmFetch } {
  return settings.fetch === undefined ? {} : { fetch: settings.fetch };
}

function anthropicModel(ref: ModelRef, settings: ProviderSettings): LanguageModel {
  const apiKey = requireKey(settings.env, ref);
  const provider = createAnthropic({
    apiKey,
    baseURL: anthropicBaseUrl(settings.env),
    ...fetchOption(settings),
  });
  return provider(ref.modelId);
}

function openaiModel(ref: ModelRef, settings: ProviderSettings): LanguageModel {
  const apiKey = requireKey(settings.env, ref);
  const url = baseUrl(settings.env, LLM_ENV_VARS.openai.baseUrl) ?? DEFAULT_BASE_URLS.openai;
  // `openai(id)` is the Responses API (POST {base}/responses) in @ai-sdk/openai 3.
  return createOpenAI({ apiKey, baseURL: url, ...fetchOption(settings) })(ref.modelId);
}

function compatibleModel(ref: ModelRef, settings: ProviderSettings): LanguageModel {
  const vars = LLM_ENV_VARS["openai-compatible"];
  const url = baseUrl(settings.env, vars.baseUrl);
  if (url === undefined) {
    throw new ToolError(
      "CONFIGURATION",
      `Set ${vars.baseUrl} to use ${formatModelRef(ref)} (for example http://localhost:11434/v1 for Ollama)`,
    );
  }
  const apiKey = setting(settings.env, vars.apiKey);
  const provider = createOpenAICompatible({
    name: "openai-compatible",
    baseURL: url,
    // Ollama and vLLM accept `response_format: json_schema`; servers that do not ignore it and the
    // answer is still validated and repaired here.
    supportsStructuredOutputs: true,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...fetchOption(settings),
  });
  return provider.chatModel(ref.modelId);
}

/** Builds the AI SDK model for `ref`; a missing key or base URL is a CONFIGURATION error naming the variable. */
export function resolveModel(ref: ModelRef, settings: ProviderSettings): ResolvedModel {
  const keyVariable = LLM_ENV_VARS[ref.provider].apiKey;
  switch (ref.provider) {
    case "anthropic":
      return { ref, model: anthropicModel(ref, settings), keyVariable };
    case "openai":
      return { ref, model: openaiModel(ref, settings), keyVariable };
    case "openai-compatible":
      return { ref, model: compatibleModel(ref, settings), keyVariable };
  }
}

/** Every secret the providers' settings hold: API keys and any credentials inside base URLs. */
export function providerSecrets(env: LlmEnv): string[] {
  const out: string[] = [];
  for (const vars of Object.values(LLM_ENV_VARS)) {
    const key = setting(env, vars.apiKey);
    if (key !== undefined) out.push(key);
    const raw = setting(env, vars.baseUrl);
    if (raw === undefined || !URL.canParse(raw)) continue;
    const url = new URL(raw);
    if (url.password !== "") out.push(url.password, decodeURIComponent(url.password));
    if (url.username !== "") out.push(url.username, decodeURIComponent(url.username));
  }
  return out;
}
