// No argument value runs anything, whatever template a trusted skill's author writes: interpreters,
// eval, here-documents, arithmetic, in any context, under dash and bash. Refusals are located.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterpolationError, interpolate } from "../../src/activate/index.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "skills-safety-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Commands where a spliced value would run code; `$0` is the argument. */
const PROGRAMS = [
  'sh -c "echo $0"',
  "bash -c 'echo '\"$0\"",
  "python3 -c \"print('$0')\"",
  'python3 -c "print(\\"$0\\")"',
  'python3 - <<EOF\nprint("$0")\nEOF',
  "sh <<EOF\necho $0\nEOF",
  'awk "BEGIN{print \\"$0\\"}"',
  'echo x | awk "{print \\$1, \\"$0\\"}"',
  "perl -e \"print '$0'\"",
  "perl -e 'print @ARGV' \"$0\"",
  "node -e \"console.log('$0')\"",
  'node -e "1" "$0"',
  'eval "echo $0"',
  "eval echo $0",
  'echo x | sed "s/x/$0/"',
  "echo x | sed 's/x/y/' \"$0\"",
  "echo $(( $0 ))",
  "[[ $0 -eq 1 ]]",
  'read -r "$0" </dev/null',
  'printf -v "$0" x',
  'declare "$0=1"',
  "a[$0]=1",
  'x=abc; echo "${x:$0}"',
  'let "x=$0"',
  'trap "$0" EXIT',
  'find . -maxdepth 0 -exec sh -c "echo $0" \\;',
  'echo | xargs sh -c "echo $0"',
  'env X=1 sh -c "$0"',
  "x=$0; echo \"$x\" '$0' \\$0",
  'echo "$0" $0',
];

/** Values that would run `touch pwned` if spliced into one of the programs above. */
const ATTACKS = [
  `'); import os; os.system("touch pwned"); print('`,
  `"); __import__("os").system("touch pwned"); print("`,
  `'; touch pwned; '`,
  `"; touch pwned; "`,
  "$(touch pwned)",
  "`touch pwned`",
  "a[$(touch pwned)]",
  "x[$(touch${IFS}pwned)]",
  `" ; system("touch pwned") ; "`,
  "1e touch pwned",
  "--expression=1e touch pwned",
  `-esystem("touch pwned")`,
  `--eval=require("fs").writeFileSync("pwned","")`,
  `');require("fs").writeFileSync("pwned","");('`,
  "touch pwned",
  "\ntouch pwned\n",
  "EOF\ntouch pwned\nEOF",
  `}; system("touch pwned"); {`,
];

/** Contexts an author may put a command in. */
const WRAPS = [
  (c: string) => c,
  (c: string) => `echo "$(${c})"`,
  (c: string) => `{ ${c}; }`,
  (c: string) => `case a in a) ${c};; esac`,
  (c: string) => `echo "$(case a in a) ${c};; esac)"`,
  (c: string) => `# it's "quoted"\n${c}`,
  (c: string) => `cat <<EOF\n"\nEOF\n${c}`,
  (c: string) => `if true; then ${c}; fi`,
  (c: string) => `f() { ${c}; }; f`,
];

/** Runs `command` as a trusted ```! block with `value` as argument 0; true when `pwned` appeared. */
async function pwns(command: string, value: string, shell: string): Promise<boolean> {
  const raw = `'${value.replaceAll("'", `'\\''`)}'`;
  await interpolate(`\`\`\`!\n${command}\n\`\`\``, {
    trusted: true,
    cwd: dir,
    shell,
    timeoutMs: 10_000,
    arguments: { raw, skillDir: dir },
  }).catch((error: unknown) => {
    if (!(error instanceof InterpolationError)) throw error;
  });
  const made = existsSync(join(dir, "pwned"));
  rmSync(join(dir, "pwned"), { force: true });
  return made;
}

describe("no argument becomes code", () => {
  it.each(PROGRAMS)("%j runs no attack", async (command) => {
    for (const value of ATTACKS) expect(await pwns(command, value, "/bin/bash")).toBe(false);
  });

  it("in any context, under dash and bash (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROGRAMS),
        fc.constantFrom(...WRAPS),
        fc.oneof(
          fc.constantFrom(...ATTACKS),
          fc
            .array(fc.constantFrom(...ATTACKS, "'", '"', "\\", "$", "(", ")", "`"), {
              maxLength: 4,
            })
            .map((parts) => parts.join("")),
        ),
        fc.constantFrom("/bin/sh", "/bin/bash"),
        async (command, wrap, value, shell) => {
          expect(await pwns(wrap(command), value, shell)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe("a refused command", () => {
  it("fails the activation before running, naming the placeholder, its place and the fix", async () => {
    const body = "Intro\n\n```!\necho start > started\npython3 -c \"print('$0')\"\n```";
    const error = await interpolate(body, {
      trusted: true,
      cwd: dir,
      lineOffset: 4,
      arguments: { raw: "x", skillDir: dir },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InterpolationError);
    expect(error).toMatchObject({ code: "UNSAFE_ARGUMENT", line: 7, column: 1 });
    expect((error as InterpolationError).command).toContain("print('$0')");
    const message = (error as Error).message;
    expect(message).toContain("$0 at line 9, column 20");
    expect(message).toContain('os.environ["SKILLFLOW_ARG_0"]');
    expect(existsSync(join(dir, "started"))).toBe(false);
  });

  it("locates a placeholder of an inline command by the column of its line", async () => {
    const error = await interpolate('Run: !`sh -c "echo $ARGUMENTS"`', {
      trusted: true,
      cwd: dir,
      arguments: { raw: "x", skillDir: dir },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "UNSAFE_ARGUMENT", line: 1, column: 6 });
    expect((error as Error).message).toContain("$ARGUMENTS at line 1, column 20");
  });

  it("fails a dry run too, but not an untrusted or disabled skill, which runs nothing", async () => {
    const body = '!`sh -c "echo $0"`';
    const options = { cwd: dir, arguments: { raw: "x", skillDir: dir } };
    await expect(interpolate(body, { ...options, trusted: true, dryRun: true })).rejects.toThrow(
      InterpolationError,
    );
    const untrusted = await interpolate(body, { ...options, trusted: false });
    expect(untrusted.commands[0]).toMatchObject({
      command: 'sh -c "echo ${SKILLFLOW_ARG_0}"',
      arguments: { SKILLFLOW_ARG_0: "x" },
      reason: "untrusted skill",
    });
    const disabled = await interpolate(body, { ...options, trusted: true, enabled: false });
    expect(disabled.commands[0]).toMatchObject({ ran: false });
  });
});

describe("the fix a refusal names", () => {
  it.each([
    ["python3 -c 'import os; print(os.environ[\"SKILLFLOW_ARG_0\"])'", "SKILLFLOW_ARG_0"],
    ["awk 'BEGIN { print ENVIRON[\"SKILLFLOW_ARG_0\"] }'", "SKILLFLOW_ARG_0"],
    ["node -e 'console.log(process.env.SKILLFLOW_ARGUMENTS)'", "SKILLFLOW_ARGUMENTS"],
    ['sh -c \'printf %s "$1"\' sh "$0"', "SKILLFLOW_ARG_0"],
  ])("works: %s reads the value as data", async (command, variable) => {
    for (const value of ATTACKS.filter((attack) => !attack.includes("\n"))) {
      const raw = `'${value.replaceAll("'", `'\\''`)}'`;
      const result = await interpolate(`!\`${command}\``, {
        trusted: true,
        cwd: dir,
        arguments: { raw, skillDir: dir },
      });
      expect(result.text.split("\n\nARGUMENTS: ")[0]).toBe(
        variable === "SKILLFLOW_ARGUMENTS" ? raw : value,
      );
      expect(result.commands[0]!.arguments).toHaveProperty(variable);
      expect(existsSync(join(dir, "pwned"))).toBe(false);
    }
  });
});

describe("reports", () => {
  it("show the text that ran with the variables named, and their values beside it", async () => {
    const body = "!`printf '%s|' $0 \"$1\" '$1'`";
    const result = await interpolate(body, {
      trusted: true,
      cwd: dir,
      arguments: { raw: "'a b' c", skillDir: dir },
    });
    expect(result.text.startsWith("a b|c|$1|")).toBe(true);
    expect(result.commands[0]).toMatchObject({
      command: `printf '%s|' "\${SKILLFLOW_ARG_0}" "\${SKILLFLOW_ARG_1}" '$1'`,
      arguments: { SKILLFLOW_ARG_0: "a b", SKILLFLOW_ARG_1: "c" },
      ran: true,
    });
    const dry = await interpolate(body, {
      trusted: true,
      dryRun: true,
      cwd: dir,
      arguments: { raw: "'a b' c", skillDir: dir },
    });
    expect(dry.text.startsWith(`[dry run: ${result.commands[0]!.command}]`)).toBe(true);
  });

  it("leave `arguments` out when a command refers to none", async () => {
    const result = await interpolate("!`echo hi`", { trusted: true, cwd: dir });
    expect(result.commands[0]).not.toHaveProperty("arguments");
  });
});
