import { MockToolAdapter, runWorkflowSkill } from "@skillflow/workflow";

// A SKILL.md with a ```workflow block, or bare workflow YAML as here.
const workflow = `
inputs:
  message: { type: string }
outputs:
  label: { type: string, value: $steps.classify.output.label }
steps:
  - id: classify
    type: tool
    tool: classify
    inputs:
      text: { type: string, value: $inputs.message }
`;

const tools = new MockToolAdapter();
tools.register("classify", async (args) => ({
  output: { label: /urgent/i.test(String(args.text)) ? "high" : "normal" },
}));

const log = await runWorkflowSkill({
  content: workflow,
  inputs: { message: "Urgent: server is down" },
  toolAdapter: tools,
  onEvent: (event) => console.log(event.type), // workflow_start, step_start, step_complete, ...
});
if (log.status === "failed") console.error(log.error); // { phase, message, details: [{ path, message, code, line, column }] }
console.log(log.outputs); // { label: 'high' }
