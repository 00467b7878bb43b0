// Prints the Markdown report of examples/commit-message evaluated on the three scripted models (offline).
import path from "node:path";
import { evaluateSkill, formatMarkdown, loadSuite } from "../src/index.js";
import { commitMessageModels } from "../src/testing/index.js";

const skillDir = path.resolve(import.meta.dirname, "../../../examples/commit-message");
const { suite, diagnostics } = await loadSuite(skillDir);
if (!suite) throw new Error(diagnostics.map((d) => d.message).join("\n"));
const models = commitMessageModels();
const report = await evaluateSkill({
  skillDir,
  suite,
  repeat: 3,
  models: [
    { name: "scripted:helps", model: models.helps },
    { name: "scripted:hurts", model: models.hurts },
    { name: "scripted:same", model: models.same },
  ],
});
process.stdout.write(formatMarkdown({ ...report, startedAt: "(example)" }));
