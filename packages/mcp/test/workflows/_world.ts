// Test world of the workflows area: a real createService (memory queue, state and store) over
// documents by name, a `work` tool whose calls can be held, and a connected SDK client.
import { MemoryRunStore } from "@skillflow/store";
import {
  createService,
  MemoryRunQueue,
  MemoryServiceState,
  ServiceError,
  type Service,
  type WorkflowCatalog,
} from "@skillflow/service";
import { MockToolAdapter, parseWorkflowFromMd } from "@skillflow/workflow";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createMcpServer, workflowsArea, type WorkflowsAreaOptions } from "../../src/index.js";
import { connectClient } from "../_client.js";

/** A SKILL.md around a workflow block. */
export function skill(name: string, yaml: string): string {
  return `---\nname: ${name}\ndescription: Test workflow ${name}.\n---\n\n\`\`\`workflow\n${yaml}\n\`\`\`\n`;
}

/** A catalog over documents by name, with inputs and outputs declared as the CLI's catalog reads them. */
export function catalog(documents: Record<string, string>): WorkflowCatalog {
  return {
    async list() {
      return Object.keys(documents)
        .sort()
        .map((name) => {
          const workflow = parseWorkflowFromMd(documents[name] as string);
          return {
            name,
            description: `Test workflow ${name}.`,
            source: `/wf/${name}/SKILL.md`,
            inputs: { ...(workflow.inputs as Record<string, unknown>) },
            outputs: { ...(workflow.outputs as Record<string, unknown>) },
          };
        });
    },
    async load(ref) {
      const content = Object.hasOwn(documents, ref) ? documents[ref] : undefined;
      if (content === undefined) throw new ServiceError("UNKNOWN_WORKFLOW", `no workflow ${ref}`);
      return { name: ref, content, source: `/wf/${ref}/SKILL.md` };
    },
  };
}

/** The `work` tool: answers `{ name }`; a held name waits until released. */
export class GatedTools extends MockToolAdapter {
  readonly #gates = new Map<string, Promise<void>>();
  readonly entered = new Set<string>();
  constructor() {
    super();
    this.register("work", async (args) => {
      const name = String(args["name"]);
      this.entered.add(name);
      await this.#gates.get(name);
      return { output: { name } };
    });
  }
  /** Holds every call of `name` until the returned function is called. */
  hold(name: string): () => void {
    let open!: () => void;
    this.#gates.set(name, new Promise<void>((resolve) => (open = resolve)));
    return () => open();
  }
}

/** Waits until `condition` holds (the test's timeout guards a hang). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise<void>((resolve) => setTimeout(resolve, 5));
}

/** A started service, an MCP client on a server with its workflows area, and how to end both. */
export interface WorkflowsWorld {
  service: Service;
  tools: GatedTools;
  client: Client;
  close(): Promise<void>;
}

/** Starts a world over `documents`; `area` overrides the area's options (waitMs...). */
export async function startWorld(
  documents: Record<string, string>,
  area: Partial<WorkflowsAreaOptions> = {},
): Promise<WorkflowsWorld> {
  const tools = new GatedTools();
  const service = createService({
    store: new MemoryRunStore(),
    queue: new MemoryRunQueue(),
    state: new MemoryServiceState(),
    workflows: catalog(documents),
    tools,
    pollMs: 20,
    graceMs: 0,
  });
  await service.start();
  const mcp = createMcpServer({
    version: "0.0.0",
    areas: [workflowsArea({ runner: service, waitMs: 10_000, pollMs: 20, ...area })],
  });
  const { client, close } = await connectClient(mcp);
  return {
    service,
    tools,
    client,
    async close() {
      await close();
      await service.stop({ now: true });
    },
  };
}
