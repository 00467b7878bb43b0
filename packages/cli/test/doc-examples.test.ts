// Every documented `skillflow run` example names a workflow that exists and passes it inputs it declares,
// of the declared types, with every required input supplied: in the commands' --help and in the docs.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseWorkflowFromMd, type WorkflowInput } from "@skillflow/workflow";
import { describe, expect, it } from "vitest";
import { runCommand } from "../src/commands/run.js";
import { collectInputs } from "../src/run/inputs.js";
import { REPO_ROOT, cli } from "./helpers.js";

const COMMANDS = ["", "run", "runs", "validate", "graph", "tools", "skills", "trust"];
const DOCS = ["README.md", "docs/README.md", "docs/cli.md"];

/** Shell words of one line: quotes removed, `#` comments and `> file` redirections dropped. */
function words(line: string): string[] {
  const out: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(#.*$)|(\S+)/g;
  let redirect = false;
  for (const m of line.matchAll(pattern)) {
    if (m[3] !== undefined) break;
    const word = m[1] ?? m[2]?.replace(/\\(.)/g, "$1") ?? m[4]!;
    if (m[4] === ">") redirect = true;
    else if (redirect) redirect = false;
    else out.push(word);
  }
  return out;
}

interface Example {
  where: string;
  line: string;
}

/** Lines that run `skillflow run`, from --help Examples and from ```sh blocks. */
async function examples(): Promise<Example[]> {
  const found: Example[] = [];
  for (const command of COMMANDS) {
    const help = (await cli(command === "" ? ["--help"] : [command, "--help"])).stdout;
    const section = help.slice(help.indexOf("Examples:"));
    for (const line of section.split("\n"))
      if (/\bskillflow run\b/.test(line)) found.push({ where: `${command} --help`, line });
  }
  for (const doc of DOCS) {
    const text = readFileSync(path.join(REPO_ROOT, doc), "utf8");
    for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g))
      for (const line of block[1]!.split("\n"))
        if (/\bskillflow run\b/.test(line)) found.push({ where: doc, line });
  }
  return found;
}

function typeProblem(name: string, value: unknown, declared: WorkflowInput): string | undefined {
  const ok: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    int: (v) => Number.isInteger(v),
    float: (v) => typeof v === "number",
    boolean: (v) => typeof v === "boolean",
    array: Array.isArray,
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  };
  return ok[declared.type]?.(value) === false ? `${name} is not ${declared.type}` : undefined;
}

/** What is wrong with one example, or undefined. */
async function check({ line }: Example): Promise<string | undefined> {
  const [feed, command] = line.includes("|") ? line.split("|") : [undefined, line];
  const stdinText = feed === undefined ? undefined : words(feed).slice(1).join(" ");
  const argv = words(command);
  const args = parseArgs({
    args: argv.slice(argv.indexOf("run") + 1),
    options: runCommand.options,
    allowPositionals: true,
    strict: true,
  });
  const target = path.join(REPO_ROOT, args.positionals[0] ?? "");
  if (!existsSync(target)) return `${args.positionals[0]} does not exist`;
  const file = statSync(target).isDirectory() ? path.join(target, "SKILL.md") : target;
  const declared = parseWorkflowFromMd(readFileSync(file, "utf8")).inputs;
  const pairs = (args.values.input as string[] | undefined) ?? [];
  const inputs = await collectInputs(
    REPO_ROOT,
    {
      pairs,
      // printf's escapes, as the shell would print them.
      ...(stdinText === undefined ? {} : { stdinText: stdinText.replace(/\\n/g, "\n") }),
      ...(typeof args.values.inputs === "string" ? { inputsJson: args.values.inputs } : {}),
    },
    declared,
  ).catch((error: Error & { code?: string }) => error);
  if (inputs instanceof Error) return `${inputs.code ?? "error"}: ${inputs.message}`;
  for (const [name, input] of Object.entries(declared)) {
    if (Object.hasOwn(inputs, name)) {
      const problem = typeProblem(name, inputs[name], input);
      if (problem !== undefined) return problem;
    } else if (input.default === undefined && input.nullable !== true) {
      return `required input ${name} is missing`;
    }
  }
  return undefined;
}

describe("documented `skillflow run` examples", () => {
  it("are found in the help and the docs", async () => {
    const found = await examples();
    expect(found.filter((e) => e.where === "run --help").length).toBeGreaterThanOrEqual(3);
    expect(found.filter((e) => e.where === "docs/cli.md").length).toBeGreaterThanOrEqual(4);
  });

  it("each name a workflow and pass it declared inputs of the declared types", async () => {
    const problems: string[] = [];
    for (const example of await examples()) {
      const problem = await check(example);
      if (problem !== undefined)
        problems.push(`${example.where}: ${example.line.trim()} → ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it("catch an undeclared input, a missing required one and a wrongly typed one", async () => {
    const where = "test";
    expect(await check({ where, line: "skillflow run examples/repo-activity -i limit=5" })).toMatch(
      /^UNKNOWN_INPUT/,
    );
    expect(await check({ where, line: "skillflow run examples/page-digest" })).toBe(
      "required input url is missing",
    );
    expect(
      await check({ where, line: `echo '{"limit": "3"}' | skillflow run examples/triage-issues` }),
    ).toBe("limit is not int");
    expect(await check({ where, line: "skillflow run examples/nothing-here" })).toBe(
      "examples/nothing-here does not exist",
    );
  });
});
