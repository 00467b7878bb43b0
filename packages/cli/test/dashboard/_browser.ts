// Headless Chromium for the dashboard's end-to-end tests: Debian's `chromium` driven by
// playwright-core (no downloaded browser), and an accessibility check with axe-core.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

/** The Chromium to drive: $SKILLFLOW_CHROMIUM (set by .ci/run), else Debian's, else none. */
export const CHROMIUM =
  process.env.SKILLFLOW_CHROMIUM ??
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** Flags for a closed network: no background connections, no sandbox as root, no GPU. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts the browser (headless). */
export function launch(): Promise<Browser> {
  if (CHROMIUM === undefined)
    throw new Error("no Chromium: install Debian's chromium or set SKILLFLOW_CHROMIUM");
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One axe violation, as the test reports it. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page (WCAG 2 A and AA rules) and answers the serious and critical
 * violations. It is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const violations = await page.evaluate<Violation[]>(`(async () => {
    ${AXE}
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  })()`);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
