// Runs the shared ToolAdapter contract against a ToolSet of the web tools and a local fixture.
import { describeToolAdapterContract } from "@skillflow/workflow/testing/contract";
import { expect } from "vitest";
import { ToolSet } from "../../src/toolset.js";
import { createWebTools } from "../../src/web/tools.js";
import { startFixture } from "./_server.js";

describeToolAdapterContract("web tools", async () => {
  const fixture = await startFixture();
  const adapter = new ToolSet(
    createWebTools({ network: { allowPrivateNetwork: true }, timeoutMs: 5_000 }),
  );
  return {
    adapter,
    knownTool: {
      name: "http",
      args: { url: `${fixture.origin}/json` },
      expectOutput: (output) => {
        expect(output).toMatchObject({ status: 200, body: { ok: true, items: [1, 2] } });
      },
    },
    unknownTool: "web_search",
    failingTool: {
      name: "http",
      args: { url: `${fixture.origin}/status?code=500` },
      failsBy: "result",
    },
    slowTool: { name: "web_fetch", args: { url: `${fixture.origin}/slow` } },
    concurrentCalls: [
      { name: "web_fetch", args: { url: `${fixture.origin}/plain` } },
      { name: "web_fetch_raw", args: { url: `${fixture.origin}/json` } },
      { name: "web_scrape", args: { url: `${fixture.origin}/list`, selectors: { p: ".price" } } },
      { name: "http", args: { url: `${fixture.origin}/echo`, query: { n: 1 } } },
    ],
    abortWithinMs: 500,
    teardown: () => fixture.close(),
  };
});
