// Review: runs of the same document must not share mutable literal values through the parse cache (§2.3, §3.8, §7.1).
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { json, runSkill, skill } from "../conformance/helpers.js";

describe("literal values of a cached document are not shared between runs", () => {
  // §2.3: each run binds a fresh `$inputs` from the caller's inputs and the declared defaults. The
  // reference re-parses per run; runtime/prepare.ts caches the parsed definition by content and
  // validate/inputs.ts binds `decl.default` by reference, so a tool that mutates its arguments (allowed:
  // the runtime only promises not to mutate them itself, §7.1) corrupts the default of every later run.
  it("a tool mutating an argument bound from a default does not change the next run", async () => {
    const content = skill(`
      inputs:
        tags: { type: array, default: [] }
      steps:
        - id: s
          type: tool
          tool: tag
          inputs:
            tags: { type: array, value: $inputs.tags }
    `);
    const adapter = new MockToolAdapter();
    adapter.register("tag", (args) => {
      (args["tags"] as string[]).push("seen");
      return { output: null };
    });
    await runSkill(content, { toolAdapter: adapter });
    const second = await runSkill(content, { toolAdapter: adapter });
    expect(json(second.log.inputs)).toEqual({ tags: ["seen"] }); // one push, this run's
  });

  // §3.8 / §6.9: the exit output `{ count: 0, items: [] }` (the spec's idiomatic early exit) is copied
  // "as is" for nested values — here the very array held by the cached plan (compile/values.ts:88),
  // so a host editing one returned RunLog edits the outputs of all later runs of that document.
  it("a host editing one run's outputs does not change the next run's outputs", async () => {
    const content = skill(`
      outputs:
        items: { type: array }
      steps:
        - id: stop
          type: exit
          status: success
          output: { items: [] }
    `);
    const first = await runSkill(content);
    (first.log.outputs["items"] as unknown[]).push("host data");
    const second = await runSkill(content);
    expect(second.log.outputs).toEqual({ items: [] });
  });
});
