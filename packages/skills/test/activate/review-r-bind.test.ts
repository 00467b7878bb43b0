// Review r: author templates where a bound argument still becomes code (each test asserts that
// nothing runs; all fail on review-r's base).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interpolate } from "../../src/activate/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "review-bind-"));
  writeFileSync(join(dir, "a.txt"), "a");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `command` as a trusted skill's ```! block with `raw` arguments; true when it made `pwned`. */
async function pwns(command: string, raw: string, shell?: string): Promise<boolean> {
  await interpolate(`\`\`\`!\n${command}\n\`\`\``, {
    trusted: true,
    cwd: dir,
    arguments: { raw, skillDir: dir },
    ...(shell ? { shell } : {}),
  }).catch(() => undefined);
  return existsSync(join(dir, "pwned"));
}

const FIND = "'x -o -exec touch pwned ;'";

describe("the quoting lexer agrees with sh", () => {
  it.each([
    ["a double quote in a comment", '# a 3.5" disk\nfind . -name $0 -print'],
    ["a double quote in a here-document", 'cat <<EOF\nSay "hi\nEOF\nfind . -name $0 -print'],
    [
      "a case pattern inside $( ) inside double quotes",
      'echo "$(case a in a) find . -name $0;; esac)"',
    ],
  ])("%s does not leave an argument unquoted", async (_, command) => {
    expect(await pwns(command, FIND)).toBe(false);
  });

  it("an escaped \\$1 (awk's field) does not splice the argument into the awk program", async () => {
    const raw = `x '"} BEGIN{system("touch pwned")} #'`;
    expect(await pwns('ls | awk "{print \\$1, \\$2}"', raw)).toBe(false);
  });
});

describe("arguments are never program text of another interpreter", () => {
  it.each([
    ["awk in single quotes", "echo hi | awk '{print $ARGUMENTS}'", `1;system("touch pwned")`],
    ["sh -c in single quotes", "sh -c 'echo $0'", "'x;touch pwned'"],
    [
      "python -c in single quotes",
      "python3 -c 'print(\"$ARGUMENTS\")'",
      `");__import__("os").system("touch pwned");("`,
    ],
    [
      "a here-document fed to python",
      'python3 - <<EOF\nprint("$ARGUMENTS")\nEOF',
      `"); __import__("os").system("touch pwned"); print("`,
    ],
  ])("%s", async (_, command, raw) => {
    expect(await pwns(command, raw)).toBe(false);
  });
});

describe("when /bin/sh is bash (macOS)", () => {
  it.each([
    ["arithmetic $(( ))", "echo $(( $0 + 1 ))"],
    ["[[ -eq ]]", "[[ $0 -eq 1 ]] && echo one"],
  ])("%s does not evaluate the argument", async (_, command) => {
    expect(await pwns(command, "'a[$(touch${IFS}pwned)]'", "/bin/bash")).toBe(false);
  });
});
