// Vitest configuration for every workspace package: tests run against TypeScript sources, including
// cross-package imports (`@skillflow/*` resolve to `src/` through the `@skillflow/source` condition).
import { defineConfig } from "vitest/config";

const conditions = ["@skillflow/source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["@skillflow/source", "node"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    pool: "threads",
    testTimeout: 20_000,
  },
});
