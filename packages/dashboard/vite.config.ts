// Builds the web app (app/) into dist/app/: static files that `skillflow serve` serves at `/`, with
// everything bundled (no CDN). dist/index.js, the Node entry, is tsc's (tsconfig.build.json).
import { defineConfig } from "vite";

export default defineConfig({
  root: `${import.meta.dirname}/app`,
  base: "/",
  build: {
    outDir: "../dist/app",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
  },
  // The JSX of app/ is Preact's (app/tsconfig.json: jsxImportSource).
  oxc: { jsx: { importSource: "preact" } },
});
