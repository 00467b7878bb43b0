// The lexer agrees with sh (/bin/sh = dash, and bash) on how sh reads each placeholder: generated
// templates are run with sh's own `$1` and with the text the lexer predicts, and must print the same.
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexPlaceholders } from "../../src/activate/_sh-lex.js";
import type { Context } from "../../src/activate/_sh-types.js";

const SHELLS = ["/bin/sh", "/bin/bash"];
const VALUE = "v  w";

/** What sh makes of `$1` holding VALUE in each context, written as text valid in that context. */
const AS_SH_READS: Partial<Record<Context, string>> = {
  literal: "$1",
  plain: "v w",
  param: "v w",
  double: VALUE,
  "param-double": VALUE,
  heredoc: VALUE,
};

/** The template with each `$1` replaced by what the lexer says sh makes of it. */
function predicted(template: string): string {
  const marks = new Map(
    [...template.matchAll(/\$1(?![0-9])/g)].map((m) => [m.index, { length: 2, dir: false }]),
  );
  const { sites, uncertain } = lexPlaceholders(template, marks);
  expect(uncertain).toBe(false);
  expect(sites.map((site) => site.offset).sort((a, b) => a - b)).toEqual([...marks.keys()]);
  let text = template;
  for (const site of sites.toSorted((a, b) => b.offset - a.offset)) {
    const replacement = AS_SH_READS[site.context];
    expect(replacement, `context ${site.context} at ${site.offset}`).toBeDefined();
    text = text.slice(0, site.offset) + replacement + text.slice(site.offset + 2);
  }
  return text;
}

function run(shell: string, script: string, args: string[]): string {
  const result = spawnSync(shell, ["-c", script, "zero", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH },
    // Not a socket: bash takes a socket on stdin for sshd and reads ~/.bashrc (slow, and not ours).
    stdio: ["ignore", "pipe", "pipe"],
  });
  return `${result.status}:${result.stdout}`;
}

/** Checks `template` against every shell: sh's `$1` and the prediction print the same. */
function agrees(template: string): void {
  const prediction = predicted(template);
  for (const shell of SHELLS)
    expect(run(shell, prediction, []), `${shell}: ${JSON.stringify(template)}`).toBe(
      run(shell, template, [VALUE]),
    );
}

const { cmd } = fc.letrec<{ word: string; dq: string; cmd: string }>((tie) => ({
  word: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(
      "$1",
      "a$1b",
      "'$1'",
      `'a "$1" b'`,
      "\\$1",
      "${U:-$1}",
      "${U:-'$1'}",
      '${U:-"$1"}',
      "$'a b'$1",
      "`printf '[%s]' $1`",
      '`printf "[%s]" "$1"`',
      "x",
    ),
    tie("dq").map((d) => `"${d}"`),
    tie("cmd").map((c) => `$( ${c})`),
  ),
  dq: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(
      "$1",
      "a $1 b",
      "\\$1",
      "'$1'",
      '\\"$1\\"',
      "${U:-$1}",
      '${U:-"$1"}',
      "${U:-'$1'}",
      "${U#'$1'}",
      "${#U}$1",
      "`printf %s $1`",
      "it's",
    ),
    tie("cmd").map((c) => `$( ${c})`),
    fc.tuple(tie("dq"), tie("dq")).map(([a, b]) => a + b),
  ),
  cmd: fc.oneof(
    { depthSize: "small" },
    fc
      .array(tie("word"), { minLength: 1, maxLength: 3 })
      .map((w) => `printf '[%s]' ${w.join(" ")}`),
    ...[
      (c: string) => `case a in a) ${c};; esac`,
      (c: string) => `case a in (b) printf no;; (a|c) ${c};; esac`,
      (c: string) => `{ ${c}; }`,
      (c: string) => `( ${c} )`,
      (c: string) => `if true; then ${c}; fi`,
      (c: string) => `true && ${c}`,
      (c: string) => `${c} # it's "$1" \`\n:`,
      (c: string) => `# 3.5" disk $1\n${c}`,
      (c: string) => `cat <<EOF\nSay "hi $1 \\$1 '$1'\nEOF\n${c}`,
      (c: string) => `cat <<'EOF'\nit's $1\nEOF\n${c}`,
      (c: string) => `cat <<-"EOF"\n\t$1 'x\n\tEOF\n${c}`,
      (c: string) => `cat <<A; cat <<B\n$1 "\nA\n' $1\nB\n${c}`,
      (c: string) => `cat <<EOF\na\\\nEOF\n$1\nEOF\n${c}`,
      (c: string) => `printf '[%s]' $(( 1 + 2 )) $((3)); ${c}`,
      (c: string) => `f() { ${c}; }; f "$@"`,
      (c: string) => `for i in 1; do ${c}; done`,
      (c: string) => `printf '[%s]' "$( ${c})"`,
      (c: string) => `${c} | cat`,
      (c: string) => `x=$( ${c}); printf '<%s>' "$x"`,
    ].map((wrap) => tie("cmd").map(wrap)),
  ),
}));

describe("the lexer reads placeholders as sh does", () => {
  it.each([
    "printf '[%s]' $1 '$1' \"$1\" \\$1",
    '# a 3.5" disk\nprintf "[%s]" $1',
    'cat <<EOF\nSay "hi\nEOF\nprintf "[%s]" $1',
    'printf "[%s]" "$(case a in a) printf "<%s>" $1;; esac)"',
    "printf '[%s]' \"${U:-\"$1\"}\" ${U:-$1} \"${U:-'$1'}\" ${U:-'$1'}",
    "printf '[%s]' $'it''s' $1",
    'printf "[%s]" "`printf "%s" $1`" `printf "<%s>" $1`',
    "cat <<-EOF\n\t$1\n\tEOF\nprintf '[%s]' $1",
    "printf '[%s]' $1 # $1 '\nprintf '[%s]' $1",
    "printf '[%s]' \"$(printf '%s' \"$(printf '%s' $1)\")\"",
    "x=`printf %s \\`printf %s '$1'\\``; printf '[%s]' \"$x\" $1",
    "cat <<EOF; printf '[%s]' \"a\n$1\"\nbody $1\nEOF\nprintf '[%s]' $1",
    "printf '[%s]' $1 2>/dev/null; printf '[%s]' \"$1\"'$1'$1",
    "printf '[%s]' \"$'$1'\" $'a\\tb'",
    "printf '[%s]' $(cat <<EOF\n$1 )\nEOF\n) $1",
    "printf '[%s]' $1\\\n$1",
    "# comment \\\nprintf '[%s]' $1",
  ])("%j", (template) => agrees(template));

  it("on generated templates (property)", () => {
    fc.assert(
      fc.property(cmd, (template) => agrees(template)),
      { numRuns: 120 },
    );
  }, 120_000);
});
