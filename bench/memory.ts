// Child process for scenario 5: runs one variant of the 1,000,000-object pipeline and prints its peak RSS.
import { makeItems, pipelineByHand, pipelineByRuntime } from "./scenarios.js";

const variant = process.argv[2];
const items = makeItems(1_000_000);
const baseline = process.resourceUsage().maxRSS;
const result = variant === "runtime" ? await pipelineByRuntime(items) : pipelineByHand(items);
const peak = process.resourceUsage().maxRSS;
console.log(
  JSON.stringify({
    variant,
    peakKiB: peak,
    baselineKiB: baseline,
    length: (result as unknown[]).length,
  }),
);
