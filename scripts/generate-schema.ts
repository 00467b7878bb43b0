// Writes packages/workflow/schema/workflow.schema.json from the zod schema; `--check` fails when it is stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderWorkflowJsonSchema } from "../packages/workflow/src/parse/json-schema.js";

const target = fileURLToPath(
  new URL("../packages/workflow/schema/workflow.schema.json", import.meta.url),
);

/** Generates (or, with `--check`, verifies) the schema file; returns the process exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const expected = renderWorkflowJsonSchema();
  if (argv.includes("--check")) {
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current === expected) return 0;
    process.stderr.write(
      `${target} is out of date; run: node --import tsx scripts/generate-schema.ts\n`,
    );
    return 1;
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, expected);
  process.stdout.write(`wrote ${target}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
