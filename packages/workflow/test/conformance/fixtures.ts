// Shared documents of the conformance suite.
import { MockToolAdapter } from "../../src/index.js";

/** The §7.5 worked example inside a SKILL.md named `top-items`. */
export const WORKED_EXAMPLE = `---
name: top-items
description: Lists items, keeps the good ones, ranks them and notifies.
---

# Top items

\`\`\`workflow
inputs:
  min_score: { type: int, default: 5 }
outputs:
  count: { type: int, value: $steps.rank.output.items.length }
  items: { type: array, value: $steps.rank.output.items }
steps:
  - id: fetch
    type: tool
    tool: list_items
    outputs:
      items: { type: array, value: $result.data }
  - id: keep
    type: transform
    operation: filter
    where: $item.score >= $inputs.min_score
    inputs:  { items: { type: array, value: $steps.fetch.output.items } }
    outputs: { items: { type: array } }
  - id: rank
    type: transform
    operation: sort
    field: score
    direction: desc
    inputs:  { items: { type: array, value: $steps.keep.output.items } }
    outputs: { items: { type: array } }
  - id: stop_if_empty
    type: exit
    condition: $steps.rank.output.items.length == 0
    status: success
    output: { count: 0, items: [] }
  - id: notify
    type: tool
    tool: notify
    on_error: ignore
    inputs:
      text: { type: string, value: "Top: \${steps.rank.output.items[0].name}" }
\`\`\`
`;

/** Tools of the worked example: `list_items` returns three scored items, `notify` fails. */
export function workedExampleAdapter(): MockToolAdapter {
  const adapter = new MockToolAdapter();
  adapter.register("list_items", () => ({
    output: {
      data: [
        { name: "a", score: 3 },
        { name: "b", score: 9 },
        { name: "c", score: 6 },
      ],
    },
  }));
  adapter.register("notify", () => ({ output: null, error: "channel unavailable" }));
  return adapter;
}
