// Test documents and a catalog for the authoring tests.
import { MockToolAdapter } from "@skillflow/workflow";

/** A catalog with web_fetch and llm; their handlers fail the test if a dry run ever calls them. */
export function catalog(): MockToolAdapter {
  const never = () => {
    throw new Error("a real tool was called");
  };
  return new MockToolAdapter()
    .register("web_fetch", never, {
      description: "Fetch a page",
      inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
    })
    .register("llm", never, { description: "Ask a model" });
}

/** A SKILL.md: fetch a page, ask the llm whether it changed, return both. */
export const PAGE_CHECK = `---
name: page-check
description: Checks a page and says whether it mentions a release.
---

# Page check

\`\`\`workflow
inputs:
  url: { type: string, default: "https://example.com/news" }
outputs:
  title: { type: string, value: $steps.fetch.output.title }
  verdict: { type: string, value: $steps.judge.output.verdict }
steps:
  - id: fetch
    type: tool
    tool: web_fetch
    inputs:
      url: { type: string, value: $inputs.url }
    outputs:
      title: { type: string, value: $result.title }
      text: { type: string, value: $result.text }
  - id: judge
    type: tool
    tool: llm
    inputs:
      prompt: { type: string, value: $steps.fetch.output.text }
    outputs:
      verdict: { type: string, value: $result.verdict }
\`\`\`
`;
