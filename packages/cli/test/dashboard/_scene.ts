// The project the dashboard is shown on (end-to-end tests and the docs' screenshots): three workflows
// (one waits for an approval, one runs another for each of two names), a schedule, and a saved evaluation report of a real (scripted) run.
import path from "node:path";
import {
  appendHistory,
  evaluateSkill,
  evalsDir,
  loadSuite,
  newEvalReportId,
  saveEvalReport,
  storedEvalReport,
} from "@skillflow/evals";
import { COMMIT_SCRIPTS, scriptedModel } from "@skillflow/evals/testing";
import { REPO_ROOT } from "../helpers.js";
import { project, type Project } from "../serve/_serve.js";

const GREET = `inputs:
  name: { type: string, default: Ada }
outputs:
  greeting: { type: array, value: $steps.pick.output.items }
steps:
  - id: pick
    type: transform
    operation: map
    inputs:
      items: { type: array, value: [1] }
    expression:
      name: $inputs.name
    outputs:
      items: { type: array }`;

const SHIP = `outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
steps:
  - id: confirm
    type: approval
    message: "Ship the release?"
    timeout: 1h`;

const TEAM = `inputs:
  names: { type: array, default: ["Grace", "Linus"] }
outputs:
  greetings: { type: array, value: $steps.each_person.output }
steps:
  - id: each_person
    type: workflow
    workflow: greet
    each: $inputs.names
    inputs:
      name: { type: string, value: $item }
    outputs:
      greeting: { type: array, value: $result.greeting }`;

const CONFIG = `schedules:
  - name: nightly
    workflow: greet
    cron: "0 3 * * *"
    timezone: UTC
`;

/** Saves a real evaluation report (the commit-message example, a scripted model) in the project. */
export async function saveReport(p: Project): Promise<string> {
  const skillDir = path.join(REPO_ROOT, "examples/commit-message");
  const loaded = await loadSuite(skillDir);
  const report = await evaluateSkill({
    skillDir,
    suite: loaded.suite!,
    models: [{ name: "fake:helps", model: scriptedModel(COMMIT_SCRIPTS.helps, "helps") }],
    repeat: 1,
  });
  const dir = evalsDir({ cwd: p.root, env: p.env });
  const stored = storedEvalReport(report, {
    id: newEvalReportId(report.skill),
    skillPath: "examples/commit-message",
  });
  await saveEvalReport(dir, stored);
  await appendHistory(path.join(dir, "history.jsonl"), report, { reportId: stored.id! });
  return stored.id!;
}

/** The project, with its report saved. */
export async function dashboardProject(): Promise<{ project: Project; reportId: string }> {
  const p = await project({ greet: GREET, ship: SHIP, team: TEAM }, CONFIG);
  return { project: p, reportId: await saveReport(p) };
}
