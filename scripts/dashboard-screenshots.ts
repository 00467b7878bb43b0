// Takes the screenshots of docs/dashboard.md: the dashboard on the end-to-end tests' project, in
// headless Chromium, each view at 1280×800 (light and dark for the runs) and one at phone width.
// Run after `npm run build`: node --import tsx scripts/dashboard-screenshots.ts
import { mkdirSync } from "node:fs";
import path from "node:path";
import { killAll, startServe } from "../packages/cli/test/serve/_serve.js";
import { launch } from "../packages/cli/test/dashboard/_browser.js";
import { dashboardProject } from "../packages/cli/test/dashboard/_scene.js";

const OUT = path.resolve(import.meta.dirname, "../docs/images");

const { project, reportId } = await dashboardProject();
const serve = await startServe(project);
const browser = await launch();
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(String(serve.line.dashboard));
  // Something to look at: a finished run, a waiting one.
  const done = await serve.api("POST", "/api/v1/workflows/greet/runs", {});
  await serve.api("POST", "/api/v1/workflows/ship/runs", {});
  const team = await serve.api("POST", "/api/v1/workflows/team/runs", {});
  const teamRun = encodeURIComponent((team.body as { runId: string }).runId);
  await page.getByRole("link", { name: "greet" }).first().waitFor();
  await page.waitForTimeout(500);
  // [file name, route, what to scroll into view first]
  const shots: [string, string, string?][] = [
    ["runs", "/"],
    ["run", `/runs/${encodeURIComponent((done.body as { runId: string }).runId)}`],
    ["run-children", `/runs/${teamRun}?step=each_person`, ".child-run"],
    ["approvals", "/approvals"],
    ["schedules", "/schedules"],
    ["skills", "/skills"],
    ["evals", "/evals"],
    ["eval-report", `/evals/${reportId}`],
  ];
  for (const [name, route, scrollTo] of shots) {
    await page.goto(`${serve.url}${route}`);
    await page.waitForLoadState("networkidle");
    if (scrollTo !== undefined) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, `dashboard-${name}.png`) });
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${serve.url}/`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(OUT, "dashboard-runs-dark.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${serve.url}/approvals`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(OUT, "dashboard-approvals-phone.png") });
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await killAll();
}
