#!/usr/bin/env node
// The skillflow executable: runs the built CLI (dist, from `npm run build`) with the real process as its io.
import process from "node:process";

const cli = await import("../dist/main.js").catch((error) => {
  process.stderr.write(
    `skillflow: the CLI is not built (run \`npm run build\`): ${error.message}\n`,
  );
  process.exit(1);
});
const { nodeIo } = await import("../dist/io.js");
process.exitCode = await cli.run(process.argv.slice(2), nodeIo());
