// The dashboard end to end, as a person uses it: a real `skillflow serve` on a temp project with a
// schedule, an approval workflow and a saved evaluation report; headless Chromium opens the login
// link, sees a run appear live, opens it and finds a step's output, approves a waiting run and sees
// it finish, pauses a schedule and opens the report. axe-core checks every view on the way.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAll, startServe, type Serve } from "../serve/_serve.js";
import { CHROMIUM, launch, seriousViolations } from "./_browser.js";
import { dashboardProject } from "./_scene.js";

let browser: Browser;
let serve: Serve;
let page: Page;
let reportId: string;

describe.skipIf(CHROMIUM === undefined)("the dashboard in Chromium", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    const scene = await dashboardProject();
    const p = scene.project;
    reportId = scene.reportId;
    serve = await startServe(p);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await killAll();
  });

  const axe = async () => expect(await seriousViolations(page)).toEqual([]);

  it("signs in with the login link and shows a run appear live", async () => {
    expect(serve.line.dashboard).toMatch(/\/login\?code=/);
    await page.goto(String(serve.line.dashboard));
    await page.getByRole("heading", { name: "Runs" }).waitFor();
    await axe();
    const started = await serve.api("POST", "/api/v1/workflows/greet/runs", {});
    expect(started.status).toBe(202);
    await page.getByRole("link", { name: "greet" }).first().waitFor();
  });

  it("opens the run and finds its step's output", async () => {
    await page.getByRole("link", { name: "greet" }).first().click();
    await page.getByText("pick").first().waitFor();
    await page.getByText("pick").first().click();
    await page.getByText('"Ada"').first().waitFor();
    await axe();
  });

  it("approves a waiting run with a note and sees it finish, the note kept with the run", async () => {
    const started = await serve.api("POST", "/api/v1/workflows/ship/runs", {});
    const runId = (started.body as { runId: string }).runId;
    await page.goto(`${serve.url}/approvals`);
    await page.getByText("Ship the release?").waitFor();
    await axe();
    await page.getByLabel(/^Note/).first().fill("Release notes checked by QA");
    await page
      .getByRole("button", { name: /approve/i })
      .first()
      .click();
    await expect
      .poll(
        async () =>
          ((await serve.api("GET", `/api/v1/runs/${runId}`)).body as { status: string }).status,
      )
      .toBe("success");
    await page.goto(`${serve.url}/runs/${encodeURIComponent(runId)}`);
    await page.getByText("success").first().waitFor();
    await page.getByRole("heading", { name: "Decisions" }).waitFor();
    await page.getByText("Release notes checked by QA").waitFor();
    await axe();
  });

  it("opens a sub-workflow's runs from the parent's step, each with its waterfall and values", async () => {
    const started = await serve.api("POST", "/api/v1/workflows/team/runs", {});
    const runId = (started.body as { runId: string }).runId;
    await expect
      .poll(
        async () =>
          ((await serve.api("GET", `/api/v1/runs/${runId}`)).body as { status: string }).status,
      )
      .toBe("success");
    await page.goto(`${serve.url}/runs/${encodeURIComponent(runId)}?step=each_person`);
    const child = page.getByRole("region", { name: `Child run ${runId}/each_person/1` });
    await child.waitFor();
    await child.getByRole("button", { name: /^pick, success, started \+/ }).click();
    await child.locator("tr.selected details[open]").getByText('"Linus"').first().waitFor();
    await page
      .getByRole("link", { name: `${runId}/each_person/0` })
      .first()
      .click();
    await axe();
  });

  it("pauses a schedule", async () => {
    await page.goto(`${serve.url}/schedules`);
    await page.getByText("nightly").first().waitFor();
    await axe();
    await page.getByRole("button", { name: /pause/i }).first().click();
    await expect
      .poll(
        async () =>
          ((await serve.api("GET", "/api/v1/schedules")).body as { paused: boolean }[])[0]?.paused,
      )
      .toBe(true);
  });

  it("opens an evaluation report", async () => {
    await page.goto(`${serve.url}/evals`);
    await page.getByText("commit-message").first().waitFor();
    await axe();
    await page.goto(`${serve.url}/evals/${reportId}`);
    await page.getByText("fake:helps").first().waitFor();
    await axe();
  });

  it("shows the skills catalog and a skill's page", async () => {
    await page.goto(`${serve.url}/skills`);
    await page.getByText("greet").first().waitFor();
    await axe();
    await page.goto(`${serve.url}/skills/greet`);
    await page.getByRole("heading", { name: /greet/ }).first().waitFor();
    await axe();
  });

  it("compares two runs of a workflow", async () => {
    const ids: string[] = [];
    for (const name of ["Ada", "Grace"]) {
      const started = await serve.api("POST", "/api/v1/workflows/greet/runs", { inputs: { name } });
      ids.push((started.body as { runId: string }).runId);
    }
    for (const id of ids)
      await expect
        .poll(
          async () =>
            ((await serve.api("GET", `/api/v1/runs/${id}`)).body as { status: string }).status,
        )
        .toBe("success");
    await page.goto(`${serve.url}/compare?a=${ids[0]}&b=${ids[1]}`);
    await page.getByText('"Grace"').first().waitFor();
    await axe();
  });
});
