// Test setup of the authoring area: a catalog whose tools must never run, and a connected client.
import { MockToolAdapter, type RunLog } from "@skillflow/workflow";
import { authoringArea, createMcpServer } from "../../src/index.js";
import { connectClient } from "../_client.js";

/** web_fetch and llm with schemas; calling either throws (a dry run must never reach them). */
export function catalog(): MockToolAdapter {
  const never = () => {
    throw new Error("a real tool was called");
  };
  return new MockToolAdapter()
    .register("web_fetch", never, {
      description: "Fetch a web page; returns { status, title, text }",
      inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
    })
    .register("llm", never, {
      description: "Ask a language model; returns its JSON answer",
      inputSchema: {
        type: "object",
        properties: { prompt: { type: "string" } },
        required: ["prompt"],
      },
    });
}

/** A client connected to a server with only the authoring area. */
export async function connectAuthoring(runs: Record<string, RunLog> = {}) {
  const mcp = createMcpServer({
    version: "0.0.0-test",
    areas: [
      authoringArea({
        tools: catalog(),
        recordedRun: async (id) => (Object.hasOwn(runs, id) ? runs[id] : undefined),
      }),
    ],
  });
  return connectClient(mcp);
}
