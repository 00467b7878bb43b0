// Arguments reach skill commands only as environment variables: no quoting context the author writes
// lets an argument end a quote or start a command.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bindArguments, interpolate } from "../../src/activate/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "skills-bind-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one command of a trusted skill (inline, or a ```! block when it holds a backtick or lines). */
async function output(command: string, raw: string, named?: string[]): Promise<string> {
  const block = /[`\n]/.test(command);
  const body = block ? `\`\`\`!\n${command}\n\`\`\`` : `!\`${command}\``;
  const result = await interpolate(body, {
    trusted: true,
    cwd: dir,
    arguments: { raw, skillDir: dir, ...(named ? { named } : {}) },
  });
  return result.text
    .replace(/\n\nARGUMENTS: [\s\S]*$/, "")
    .replace(/\n+$/, "")
    .replaceAll(dir, "DIR");
}

const ATTACKS = [
  `"; touch pwned; "`,
  `"; touch pwned #`,
  `'; touch pwned; '`,
  "$(touch pwned)",
  "`touch pwned`",
  "${IFS}$(touch${IFS}pwned)",
  `\\"; touch pwned; \\"`,
  "x && touch pwned",
  "a\ntouch pwned",
  "\"'`$(touch pwned)`'\"",
  ")$(touch pwned)(",
  "<<EOF\ntouch pwned\nEOF",
];

/**
 * Author templates in every quoting context sh has; `expect` gives the output for an argument. Where
 * sh keeps text literal (single quotes, `\$`), the placeholder stays literal too.
 */
const CONTEXTS: { command: string; expect: (arg: string) => string }[] = [
  { command: "printf %s $ARGUMENTS", expect: (a) => a },
  { command: 'printf %s "Hello $ARGUMENTS"', expect: (a) => `Hello ${a}` },
  { command: "printf %s 'Hello $ARGUMENTS!'", expect: () => "Hello $ARGUMENTS!" },
  { command: "printf %s $0", expect: (a) => a },
  { command: 'printf %s "$0"', expect: (a) => a },
  { command: "printf %s '$0'", expect: () => "$0" },
  { command: "printf %s \\$0", expect: () => "$0" },
  { command: 'printf %s "[$ARGUMENTS[0]]"', expect: (a) => `[${a}]` },
  { command: 'printf %s "$(printf %s $0)"', expect: (a) => a },
  { command: 'printf %s "$(printf %s "$0")"', expect: (a) => a },
  { command: "printf %s \"$(printf %s '$0')\"", expect: () => "$0" },
  { command: 'printf %s "`printf %s $0`"', expect: (a) => a },
  { command: 'x=$0; printf %s "$x"', expect: (a) => a },
  { command: 'printf %s "a""$0""b"', expect: (a) => `a${a}b` },
  { command: "printf %s \\'$0", expect: (a) => `'${a}` },
  { command: "printf %s $name", expect: (a) => a },
  { command: 'printf %s "${U:-$0}" ${U:-$0}', expect: (a) => `${a}${a}` },
  { command: `printf %s "\${U:-"$0"}" "\${U:-'$0'}"`, expect: (a) => `${a}'${a}'` },
  { command: 'printf %s "$(case a in a) printf %s "$0";; esac)"', expect: (a) => a },
  { command: "cat <<EOF\n${SKILL_DIR}\nEOF\nprintf %s $0", expect: (a) => `DIR\n${a}` },
  { command: "cat <<'EOF'\n$0\nEOF\nprintf %s $0", expect: (a) => `$0\n${a}` },
  { command: 'printf %s $0 # "$0\nprintf %s "$0"', expect: (a) => `${a}${a}` },
];

describe("bindArguments", () => {
  it("names variables for each placeholder and quotes the reference for its context", () => {
    const bound = bindArguments(`echo $0 "$1" '$ARGUMENTS' \${SKILL_DIR} \${U:-$1}`, {
      raw: "a 'b c'",
      skillDir: "/skills/x",
    });
    expect(bound.command).toBe(
      `echo "\${SKILLFLOW_ARG_0}" "\${SKILLFLOW_ARG_1}" '$ARGUMENTS' "\${SKILLFLOW_SKILL_DIR}" \${U:-"\${SKILLFLOW_ARG_1}"}`,
    );
    expect(bound.named).toEqual({
      SKILLFLOW_ARG_0: "a",
      SKILLFLOW_ARG_1: "b c",
      SKILLFLOW_SKILL_DIR: "/skills/x",
    });
    // Every argument is in the environment, for commands that read it there.
    expect(bound.env).toEqual({ ...bound.named, SKILLFLOW_ARGUMENTS: "a 'b c'" });
    expect(bound.refusals).toEqual([]);
  });

  it("never puts a value into the command text", () => {
    fc.assert(
      // Each value starts with a marker no template or binding writes, so finding the marker in
      // the command means a value went in (a bare random string may be a piece of the template).
      fc.property(fc.string(), fc.constantFrom(...CONTEXTS), (rest, context) => {
        const raw = `Zq7${rest}`;
        const bound = bindArguments(context.command, { raw: `'${raw}'`, skillDir: raw });
        expect(bound.command).not.toMatch(/SKILLFLOW_ARG_-|undefined/);
        return !bound.command.includes("Zq7");
      }),
      { numRuns: 500 },
    );
  });
});

describe("arguments in every quoting context", () => {
  for (const context of CONTEXTS) {
    for (const attack of ATTACKS)
      it(`${context.command} prints ${JSON.stringify(attack)} literally and runs nothing`, async () => {
        const named = context.command.includes("$name") ? ["name"] : undefined;
        const raw = `'${attack.replaceAll("'", `'\\''`)}'`;
        const text = await output(context.command, raw, named);
        const whole = context.command.includes("ARGUMENTS") && !context.command.includes("[0]");
        expect(text).toBe(context.expect(whole ? raw : attack));
        expect(readdirSync(dir)).toEqual([]);
      });
  }

  it("keeps any argument literal in any context (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom("a", " ", '"', "'", "`", "$", "(", ")", "\\", ";", "\n", "#", "&"),
        }),
        fc.constantFrom(...CONTEXTS.filter((c) => !c.command.includes("ARGUMENTS"))),
        async (value, context) => {
          const raw = `'${value.replaceAll("'", `'\\''`)}'`;
          const named = context.command.includes("$name") ? ["name"] : undefined;
          const expected = context.expect(value).replace(/\n+$/, "");
          expect(await output(context.command, raw, named)).toBe(expected);
          expect(existsSync(join(dir, "pwned"))).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("runs the author's echo \"Hello $ARGUMENTS\" with the issue's argument as text", async () => {
    const text = await output('echo "Hello $ARGUMENTS"', `"; touch pwned; "`);
    expect(text).toBe(`Hello "; touch pwned; "`);
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });
});
