// Templates a final verification found to run an injected command: wrappers whose options follow
// their operands, interpreters missing from the table, and values printed into program text by a
// command substitution. Each is refused before anything runs.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterpolationError, interpolate } from "../../src/activate/index.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "skills-verify-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ATTACK = "'x; touch pwned; #'";

async function outcome(command: string, dryRun: boolean): Promise<unknown> {
  return interpolate(`\`\`\`!\n${command}\n\`\`\``, {
    trusted: true,
    cwd: dir,
    dryRun,
    arguments: { raw: ATTACK, skillDir: dir },
  }).then(
    () => "ran",
    (error: unknown) => error,
  );
}

const TEMPLATES = [
  'flock /tmp/skillflow-verify.lock -c "echo $ARGUMENTS"',
  'script -qc "echo $ARGUMENTS" /dev/null',
  'runuser -u nobody -- sh -c "echo $0"',
  'runuser root -c "echo $0"',
  'su root -c "echo $0"',
  'git -c alias.x="!$ARGUMENTS" x',
  'npx -c "$ARGUMENTS"',
  'npm exec -c "$ARGUMENTS"',
  'taskset 1 sh -c "echo $0"',
  'chrt -o 0 sh -c "echo $0"',
  'unshare sh -c "echo $0"',
  'nsenter -t 1 sh -c "echo $0"',
  'chroot / sh -c "echo $0"',
  "uv run python -c \"print('$0')\"",
  'ksh93 -c "echo $0"',
  'tcsh -c "echo $0"',
  'csh -c "echo $0"',
  "deno eval \"console.log('$0')\"",
  'julia -e "println(\\"$0\\")"',
  'dc -e "$0"',
  'vim -c "$0"',
  'gdb -ex "$0"',
  'ssh -o ProxyCommand="$0" host',
  'tar --checkpoint-action=exec="$0" -cf /dev/null .',
  'sh -c "$(echo "$ARGUMENTS")"',
  'bash -c "$(printf %s "$ARGUMENTS")"',
  'sh -c "`echo $0`"',
  'sh -c "x $(echo "$(printf %s "$0")")"',
];

describe("refused before anything runs", () => {
  it.each(TEMPLATES)("%s", async (command) => {
    for (const dryRun of [true, false]) {
      const result = await outcome(command, dryRun);
      expect(result).toBeInstanceOf(InterpolationError);
      expect((result as InterpolationError).code).toBe("UNSAFE_ARGUMENT");
    }
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });
});

describe("data still passes", () => {
  it.each([
    'echo "$(printf %s "$0")"',
    'flock /tmp/skillflow-verify.lock echo "$0"',
    'git log --grep="$0" -n 1 || true',
    // tar reads options after operands: only after -- is an argument surely a file name.
    'tar -tf /dev/null -- "$0" 2>/dev/null || true',
  ])("%s", async (command) => {
    expect(await outcome(command, true)).toBe("ran");
  });
});
