// A project with one skill that calls a local JSON API (127.0.0.1), trusted to reach it.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { cli, freshHome, temp, trustedEnv } from "../helpers.js";

/** A secret the run knows (from the environment) and sends to the API. */
export const SECRET = "s3cr3t-token-value-42";

/** The skill: lists items, fetches each one's detail (an `each` step), shapes the outputs. */
export const SKILL = `---
name: digest
description: Lists the items of a local API and their details.
---

\`\`\`workflow
inputs:
  base: { type: string }
  token: { type: string }
outputs:
  titles: { type: array, value: $steps.shape.output.titles }
  count: { type: int, value: $steps.list.output.count }
  details: { type: array, value: $steps.detail.output }
steps:
  - id: list
    type: tool
    tool: http
    inputs:
      url: { type: string, value: "\${inputs.base}/items" }
      headers: { type: object, value: { authorization: "Bearer \${inputs.token}" } }
    outputs:
      items: { type: array, value: $result.body.items }
      count: { type: int, value: $result.body.items.length }
  - id: detail
    type: tool
    tool: http
    each: $steps.list.output.items
    inputs:
      url: { type: string, value: "\${inputs.base}/items/\${item.id}" }
    outputs:
      note: { type: string, value: $result.body.note }
  - id: shape
    type: transform
    operation: map
    expression: { title: $item.title }
    inputs:
      items: { type: array, value: $steps.list.output.items }
    outputs:
      titles: { type: array }
\`\`\`
`;

/** A local JSON API: /items lists three items (echoing the token it got), /items/<id> details one. */
export async function startApi(): Promise<{ base: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const detail = /^\/items\/(\d+)$/.exec(req.url ?? "");
    const body = detail
      ? { id: Number(detail[1]), note: `note ${detail[1]}` }
      : {
          items: [
            { id: 1, title: "a" },
            { id: 2, title: "b" },
            { id: 3, title: "c" },
          ],
          seen: req.headers.authorization,
        };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, server, hits };
}

/** A trusted project folder allowing private addresses, with the skill at `skills/digest`. */
export async function project(skill = SKILL) {
  const cwd = temp("wftest-");
  writeFileSync(
    path.join(cwd, "skillflow.config.json"),
    JSON.stringify({ network: { allowPrivate: true } }),
  );
  const dir = path.join(cwd, "skills", "digest");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "SKILL.md"), skill);
  const env = { ...(await trustedEnv(cwd)), SKILLFLOW_HOME: freshHome(), MY_API_TOKEN: SECRET };
  const run = (argv: string[]) => cli(argv, { cwd, env });
  return { cwd, dir, env, run };
}
