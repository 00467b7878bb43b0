// Review: credentials passed the way the `http` tool accepts them reach the run log unmasked.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runWorkflowSkill } from "@skillflow/workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolSet } from "../../src/toolset.js";
import { createWebTools } from "../../src/web/tools.js";
import { fakeLookup } from "../web/_helpers.js";

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function tools(): ToolSet {
  return new ToolSet(
    createWebTools({
      network: { allowPrivateNetwork: true },
      lookup: fakeLookup({ "api.test": ["127.0.0.1"] }),
    }),
  );
}

const doc = (inputs: string) => `inputs:
  query: { type: object, nullable: true }
steps:
  - id: call
    type: tool
    tool: http
    inputs:
${inputs}
outputs:
  ok: { type: boolean, value: $steps.call.output.body.ok }
`;

describe("review: secrets in run logs", () => {
  // RISK (medium): `http` has `additionalProperties: false`, so an API key can only travel in
  // `query` (or in the URL). maskSecretArguments masks secret names only at the top level and in a
  // top-level `headers` mapping, so `query.api_key` is written to the step record and the
  // `step`/`run` log verbatim, although docs/tools.md says the runtime masks `api_key` arguments.
  it("masks an api_key passed in http's query", async () => {
    const log = await runWorkflowSkill({
      content: doc(`      url: { type: string, value: "http://api.test:${port}/x" }
      query: { type: object, value: $inputs.query }`),
      inputs: { query: { api_key: "live-key-0123456789" } },
      toolAdapter: tools(),
    });
    expect(log.status).toBe("success");
    expect(log.steps[0]?.inputs).toMatchObject({ query: { api_key: expect.any(String) } });
    expect(JSON.stringify(log.steps)).not.toContain("live-key-0123456789");
  });

  // RISK (medium): URL user info and conventional secret query parameters are hidden from the
  // tools' own messages (displayUrl), but the step record keeps the raw `url` argument.
  it("masks URL credentials and secret query values in the recorded url", async () => {
    const url = `http://user:pass-0123456789@api.test:${port}/x?access_token=tok-0123456789`;
    const log = await runWorkflowSkill({
      content: doc(`      url: { type: string, value: "${url}" }`),
      inputs: {},
      toolAdapter: tools(),
    });
    expect(log.status).toBe("success");
    const steps = JSON.stringify(log.steps);
    expect(steps).not.toContain("pass-0123456789");
    expect(steps).not.toContain("tok-0123456789");
  });
});
