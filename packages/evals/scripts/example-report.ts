// Prints the report of examples/commit-message evaluated on scripted models (offline): Markdown by
// default, `html` for the HTML report (docs/images/eval-report.png is a screenshot of it).
import path from "node:path";
import { evaluateSkill, formatHtml, formatMarkdown, loadSuite } from "../src/index.js";
import { commitMessageModels, scriptedModel } from "../src/testing/index.js";

const skillDir = path.resolve(import.meta.dirname, "../../../examples/commit-message");
const { suite, diagnostics } = await loadSuite(skillDir);
if (!suite) throw new Error(diagnostics.map((d) => d.message).join("\n"));
const models = commitMessageModels();
const down = scriptedModel(() => {
  throw new Error("401 authentication_error: invalid x-api-key");
}, "down");
const report = await evaluateSkill({
  skillDir,
  suite,
  repeat: 3,
  models: [
    { name: "scripted:helps", model: models.helps },
    { name: "scripted:hurts", model: models.hurts },
    { name: "scripted:same", model: models.same },
    { name: "scripted:provider-down", model: down },
  ],
});
const example = { ...report, startedAt: "(example)" };
process.stdout.write(process.argv[2] === "html" ? formatHtml(example) : formatMarkdown(example));
