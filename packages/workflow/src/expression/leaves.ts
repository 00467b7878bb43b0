// §13.7 structured values: the string leaves of a list or mapping that hold a template block.
import { isMapping } from "../model/objects.js";
import { containsTemplate } from "./template.js";

/** One template leaf: its text and its path below the structured value (keys and list indexes). */
export interface TemplateLeaf {
  path: (string | number)[];
  text: string;
}

/**
 * Every string leaf, at any depth, of a list or mapping `value` that contains a template block
 * (§4.10), in document order. Other strings (`$name`, `$$x`) are literal and not listed; a scalar
 * `value` has no leaves (R-VALUE handles it as a whole).
 */
export function templateLeaves(value: unknown): TemplateLeaf[] {
  const leaves: TemplateLeaf[] = [];
  if (value !== null && typeof value === "object") visit(value, [], leaves);
  return leaves;
}

/** Whether a list or mapping holds at least one template leaf (cheap early exit for literals). */
export function hasTemplateLeaves(value: unknown): boolean {
  if (typeof value === "string") return containsTemplate(value);
  if (Array.isArray(value)) return value.some(hasTemplateLeaves);
  if (isMapping(value)) return Object.values(value).some(hasTemplateLeaves);
  return false;
}

function visit(value: object, path: (string | number)[], leaves: TemplateLeaf[]): void {
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item === "string") {
      if (containsTemplate(item)) leaves.push({ path: [...path, key], text: item });
    } else if (item !== null && typeof item === "object") {
      visit(item, [...path, key], leaves);
    }
  }
}
