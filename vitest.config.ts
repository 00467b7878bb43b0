// Vitest configuration for every workspace package: tests run against TypeScript sources.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@skillflow/source"] },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    pool: "threads",
    testTimeout: 20_000,
  },
});
