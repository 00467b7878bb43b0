// The public surface of the `llm` tool: the tool factory, model naming, provider settings and prices.
export {
  DEFAULT_LLM_MODEL,
  DEFAULT_LLM_TIMEOUT_MS,
  LLM_INPUT_SCHEMA,
  createLlmTool,
  readLlmInput,
  type LlmInput,
  type LlmToolOptions,
} from "./tool.js";
export {
  LLM_ENV_VARS,
  LLM_PROVIDERS,
  formatModelRef,
  parseModelRef,
  providerSecrets,
  resolveModel,
  type LlmEnv,
  type LlmFetch,
  type LlmProvider,
  type ModelRef,
  type ProviderSettings,
  type ResolvedModel,
} from "./providers.js";
export {
  DEFAULT_PRICES,
  PRICES_AS_OF,
  findPrice,
  requestCost,
  type ModelPrice,
  type PriceTable,
} from "./prices.js";
