// Record and replay of model calls: each answer cached under (model, prompt, options, trial).
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
} from "@ai-sdk/provider";
import { redactDeep } from "@skillflow/workflow";

/** Where cached answers live. */
export interface CallCache {
  get(key: string): Promise<LanguageModelV3GenerateResult | undefined>;
  set(key: string, value: LanguageModelV3GenerateResult): Promise<void>;
}

/** `record` calls the model and stores answers (reusing stored ones); `replay` never calls it. */
export type CacheMode = "record" | "replay";

/** Thrown in replay mode when an answer was never recorded. */
export class CacheMissError extends Error {
  override readonly name = "CacheMissError";
}

/** A cache of one JSON file per key in `dir`, written atomically. */
export function fileCache(dir: string): CallCache {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(fileOf(key), "utf8")) as LanguageModelV3GenerateResult;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temp, JSON.stringify(value));
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}

/**
 * `store` with every answer redacted before it is kept (secret values become `[REDACTED]`, as in
 * run logs), so cache files never hold a key or password a model repeated. A replayed answer is the
 * redacted one.
 */
export function redactingCache(store: CallCache, secrets: readonly string[]): CallCache {
  if (secrets.length === 0) return store;
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, redactDeep(value, secrets)),
  };
}

/** The cache key of a call: model, prompt, tools and sampling options, and the trial number. */
export function callKey(
  model: LanguageModelV3,
  options: LanguageModelV3CallOptions,
  trial: number,
): string {
  const { abortSignal: _signal, headers: _headers, ...rest } = options;
  return createHash("sha256")
    .update(JSON.stringify({ model: `${model.provider}:${model.modelId}`, options: rest, trial }))
    .digest("hex");
}

/**
 * `model` answering through `cache`: a repeat (another `trial`) never gets another trial's answer,
 * and in replay mode a missing answer fails the call instead of reaching the provider.
 */
export function cachedModel(
  model: LanguageModelV3,
  cache: CallCache,
  trial: number,
  mode: CacheMode,
): LanguageModelV3 {
  return {
    ...model,
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    async doGenerate(options) {
      const key = callKey(model, options, trial);
      const hit = await cache.get(key);
      if (hit) return hit;
      if (mode === "replay")
        throw new CacheMissError(
          `no recorded answer for this call of ${model.provider}:${model.modelId} (trial ${trial}); record first`,
        );
      const result = await model.doGenerate(options);
      const { request: _request, response: _response, ...kept } = result;
      await cache.set(key, kept);
      return result;
    },
    doStream: (options) => model.doStream(options),
  };
}
