// combineAdapters: one ToolAdapter over several, routing each tool name to the one adapter that offers it.
import type {
  ToolAdapter,
  ToolDescriptor,
  ToolInvocationContext,
  ToolResult,
} from "@skillflow/workflow";

/** Builds the name → adapter index from every `list()`, throwing on the first name offered twice. */
function indexListed(adapters: readonly ToolAdapter[]): Map<string, [ToolAdapter, ToolDescriptor]> {
  const index = new Map<string, [ToolAdapter, ToolDescriptor]>();
  const owner = new Map<string, number>();
  adapters.forEach((adapter, i) => {
    for (const descriptor of adapter.list?.() ?? []) {
      const first = owner.get(descriptor.name);
      if (first !== undefined && first !== i) {
        throw new Error(
          `Tool "${descriptor.name}" is provided by two adapters (#${first + 1} and #${i + 1}): rename one or leave one out`,
        );
      }
      owner.set(descriptor.name, i);
      index.set(descriptor.name, [adapter, descriptor]);
    }
  });
  return index;
}

/**
 * One `ToolAdapter` over several. Names come from each adapter's `list()`, read once here: a name
 * offered by two adapters throws, naming both by their 1-based position. Names no list offers are
 * looked up with `has()` on the adapters that have no `list()`, in the order given (first wins).
 * An adapter's `list()` is taken as complete: names it accepts without listing are not routed to it.
 */
export function combineAdapters(...adapters: ToolAdapter[]): ToolAdapter {
  const listed = indexListed(adapters);
  const unlisted = adapters.filter((adapter) => adapter.list === undefined);
  const route = (toolName: string): ToolAdapter | undefined =>
    listed.get(toolName)?.[0] ?? unlisted.find((adapter) => adapter.has(toolName));

  return {
    has: (toolName) => route(toolName) !== undefined,
    list: () => [...listed.values()].map(([, descriptor]) => descriptor),
    invoke: async (
      toolName: string,
      args: Record<string, unknown>,
      context?: ToolInvocationContext,
    ): Promise<ToolResult> => {
      const adapter = route(toolName);
      if (adapter === undefined)
        return { output: null, error: `Tool "${toolName}" not registered` };
      return context === undefined
        ? adapter.invoke(toolName, args)
        : adapter.invoke(toolName, args, context);
    },
  };
}
