// The listed price of a model named `provider:model` (a bare id is an Anthropic model).
import { DEFAULT_PRICES, findPrice, parseModelRef, type ModelPrice } from "@skillflow/tools";

/** The price of the model `name` in the package's table; undefined when unlisted or not a model name. */
export function listedPrice(name: string): ModelPrice | undefined {
  let ref: ReturnType<typeof parseModelRef>;
  try {
    ref = parseModelRef(name, "anthropic");
  } catch {
    return undefined;
  }
  return findPrice(DEFAULT_PRICES, ref.provider, ref.modelId);
}
