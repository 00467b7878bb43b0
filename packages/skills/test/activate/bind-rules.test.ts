// The three binding rules: references where sh expands, literal text where sh keeps it, refusals where
// a value would be program text; each case names the construct it stands for.
import { describe, expect, it } from "vitest";
import { bindArguments, type ArgumentRefusalReason } from "../../src/activate/index.js";

const DIR = "/skills/x";

function bind(command: string, raw = "a b", named?: string[]) {
  return bindArguments(command, { raw, skillDir: DIR, ...(named ? { named } : {}) });
}

/** The reasons of a command's refusals, in order. */
function reasons(command: string, raw = "a b", named?: string[]): ArgumentRefusalReason[] {
  return bind(command, raw, named).refusals.map((refusal) => refusal.reason);
}

describe("rule 1: where sh expands, a variable reference", () => {
  it.each([
    ["echo $0", 'echo "${SKILLFLOW_ARG_0}"'],
    ['echo "a $0"', 'echo "a ${SKILLFLOW_ARG_0}"'],
    ["echo $ARGUMENTS[1]x", 'echo "${SKILLFLOW_ARG_1}"x'],
    ["echo ${U:-$1}", 'echo ${U:-"${SKILLFLOW_ARG_1}"}'],
    ['echo "${U:-$1}" "${U#$1}"', 'echo "${U:-"${SKILLFLOW_ARG_1}"}" "${U#"${SKILLFLOW_ARG_1}"}"'],
    ["echo $(echo $0) `echo $0`", 'echo $(echo "${SKILLFLOW_ARG_0}") `echo "${SKILLFLOW_ARG_0}"`'],
    ["cat > $0.txt", 'cat > "${SKILLFLOW_ARG_0}".txt'],
    [
      "case $0 in $1) echo;; esac",
      'case "${SKILLFLOW_ARG_0}" in "${SKILLFLOW_ARG_1}") echo;; esac',
    ],
    ["echo $(( 1 + $0 ))", "echo $(( 1 + ${SKILLFLOW_ARG_0} ))"],
  ])("%s", (command, expected) => {
    const bound = bind(command, "7 8");
    expect(bound.command).toBe(expected);
    expect(bound.refusals).toEqual([]);
  });

  it("puts the values in the environment, never in the text", () => {
    const bound = bind("echo $ARGUMENTS $1 $9 ${SKILL_DIR}", "'x y' z");
    expect(bound.named).toEqual({
      SKILLFLOW_ARGUMENTS: "'x y' z",
      SKILLFLOW_ARG_1: "z",
      SKILLFLOW_ARG_9: "",
      SKILLFLOW_SKILL_DIR: DIR,
    });
    expect(bound.env).toEqual({ ...bound.named, SKILLFLOW_ARG_0: "x y" });
    expect(bound.command).not.toMatch(/x y|z|skills/);
  });
});

describe("rule 2: where sh keeps text literal, the placeholder stays literal", () => {
  it.each([
    "awk '{print $1}'",
    'awk "{print \\$1, \\$2}"',
    "echo \\$0 # $0 is the first argument",
    "cat <<'EOF'\n$0 \"\nEOF",
    'cat <<"EOF"\n$0\nEOF',
    "cat <<\\EOF\n$0\nEOF",
    "cat <<EOF\n\\$0\nEOF",
    "echo $'$0'",
    "echo $$0",
    "printf '%s' '$ARGUMENTS'",
    "echo \"$(echo '$0')\"",
    "cat <<$0\nx\n$0",
  ])("%j", (command) => {
    const bound = bind(command);
    expect(bound.command).toBe(command);
    expect(bound.named).toEqual({});
    expect(bound.refusals).toEqual([]);
  });

  it("agrees with sh after a comment, a here-document or a case pattern holding quotes", () => {
    for (const before of [
      '# a 3.5" disk',
      'cat <<EOF\nSay "hi\nEOF',
      'case a in a) echo "\'";; esac',
    ])
      expect(bind(`${before}\necho $0`).command).toBe(`${before}\necho "\${SKILLFLOW_ARG_0}"`);
  });

  it("reads CRLF line ends as sh does: the carriage return is part of the word", () => {
    expect(bind("# it's\r\necho $0\r").command).toBe('# it\'s\r\necho "${SKILLFLOW_ARG_0}"\r');
  });
});

describe("rule 3: where a value would be program text, the command is refused", () => {
  const CASES: Record<ArgumentRefusalReason, string[]> = {
    heredoc: [
      "cat <<EOF\n$0\nEOF",
      "python3 - <<-EOF\n\tprint('$0')\n\tEOF",
      "sh <<A; cat <<B\nx\nA\n$0\nB",
    ],
    arithmetic: [
      "echo $(( $0 + 1 ))",
      "(( $0 > 1 ))",
      "echo $[ $0 ]",
      "[[ $0 -eq 1 ]]",
      "[[ x == y && 1 -lt $0 ]]",
      "a[$0]=1",
      "echo ${a[$0]}",
      "echo ${x:$0:1}",
      'let "x=$0"',
      'local -i n="$0"',
    ],
    name: ['read -r "$0"', 'printf -v "$0" %s x', 'test -v "$0"', "[[ -v $0 ]]", 'declare "$0=1"'],
    text: [
      'sh -c "echo $0"',
      'bash "$0"',
      'python3 -u "$0"',
      'bash -ec "$0"',
      'python3 -c "print($0)"',
      'python3 -c"print($0)"',
      'python3.12 -Bc "$0"',
      'node -e "$0"',
      'node --eval="$0"',
      'node -pe "$0"',
      'node -e "1" "$0"',
      "perl -ne \"print '$0'\"",
      'perl -e 1 "$0"',
      'ruby -e "$0"',
      'php -r "$0"',
      'awk "{print \\"$0\\"}"',
      'gawk -v x=1 "$0"',
      'sed "s/$0/x/"',
      'sed -n -e "$0"',
      "sed 's/a/b/' \"$0\"",
      'sed -i "s/$0/x/" f',
      'jq ".$0"',
      'echo | xargs -I{} sh -c "$0"',
      'find . -exec sh -c "$0" \\;',
      'eval "echo $0"',
      "eval echo $0",
      'trap "$0" EXIT',
      'env -S "$0"',
      'env X=1 timeout 5 sh -c "$0"',
      'sudo -u root sh -c "$0"',
      'ssh host "ls $0"',
      'X=1 nice -n 5 python3 -c "$0"',
      'f() { python3 -c "$0"; }',
      'echo "$(python3 -c "print($0)")"',
      'fish -c "$0"',
      'pwsh -Command "$0"',
      'osascript -e "$0"',
      'sqlite3 db.sqlite "select $0"',
      'psql -d db -c "select $0"',
      'mysql -u me -e "select $0"',
    ],
    file: [
      '. "$0"',
      'source "$0" x',
      'bash -- "$0"',
      'python3 -u -- "$0"',
      'awk -f "$0" x',
      'node -r "$0" x.js',
    ],
    command: ['"$0" --help', "$ARGUMENTS", 'env X=1 "$0"', 'xargs "$0"', 'find . -exec "$0" \\;'],
    uncertain: [
      'echo "$0',
      "echo $(echo $0",
      "echo $'\\'' $0",
      "echo `echo \\$0`",
      '$CMD -c "$0"',
      'python3 $FLAGS "$0"',
      "echo ${$0}",
    ],
  };

  for (const [reason, commands] of Object.entries(CASES))
    it.each(commands)(`${reason}: %j`, (command) => {
      expect(reasons(command)).toContain(reason);
    });

  it("allows a plain integer in arithmetic and variable names", () => {
    for (const raw of ["5", "-12", "0"]) {
      expect(reasons("echo $(( $0 + 1 )) ${x:$0} ${a[$0]}", raw)).toEqual([]);
      expect(reasons('[[ $0 -eq 1 ]] && read -r "$0"', raw)).toEqual([]);
    }
    for (const raw of ["1+1", "a[$(id)]", "5 ", "", "0x10", "x"])
      expect(reasons("echo $(( $0 + 1 ))", `'${raw}'`)).toEqual(["arithmetic"]);
  });

  it("refuses a declared name the same way, and names the placeholder as written", () => {
    const bound = bind('sh -c "echo $who"', "x", ["who"]);
    expect(bound.refusals).toEqual([
      { placeholder: "$who", variable: "SKILLFLOW_ARG_0", reason: "text", offset: 12 },
    ]);
  });

  it("never refuses the skill folder, which skillflow chooses, except in arithmetic", () => {
    const commands = [
      'python3 "${SKILL_DIR}/x.py" "$0"',
      '. "${SKILL_DIR}/lib.sh"',
      '"${CLAUDE_SKILL_DIR}/run.sh" "$0"',
      "cat <<EOF\n${SKILL_DIR}\nEOF",
      "python3 -c \"import sys; sys.path.insert(0, '${SKILL_DIR}')\"",
    ];
    for (const command of commands) expect(reasons(command)).toEqual([]);
    expect(reasons("echo $(( ${SKILL_DIR} ))")).toEqual(["arithmetic"]);
  });

  it.each([
    'sh -c \'echo "$1"\' sh "$0"',
    "python3 -c 'import sys; print(sys.argv[1])' \"$0\"",
    "awk -v x=\"$0\" '{print x}'",
    "awk '{print}' \"$0\"",
    "sed -e 's/a/b/' -- \"$0\"",
    "perl -e 'print @ARGV' -- \"$0\"",
    'jq -r .name "$0"',
    "jq --arg v \"$0\" -n '$v'",
    'x=$0; X="$0" export Y="$0"',
    'grep -e "$0" f | sort > "$1"',
    '[ "$0" -eq 1 ] && test "$0" = x',
    'for f in "$0"; do echo "$f"; done',
    'printf "%s\\n" "$0" | xargs -0 echo',
    'cat <<<"$0"',
    'timeout 5 python3 x.py "$0"',
    'git log --format=%s "$0"',
    'command -v "$0" >/dev/null',
  ])("lets data through: %j", (command) => {
    expect(reasons(command)).toEqual([]);
  });
});

describe("hostile commands are read in bounded time and memory", () => {
  // A quadratic or recursive reading would exceed the test timeout or the call stack.
  it.each([
    ["a long wrapper chain", `${"env ".repeat(50_000)}"$0"`, "command"],
    ["find inside find", `${"find . -exec ".repeat(30_000)}sh -c "$0" ;`, "text"],
    ["many placeholders for one interpreter", `perl -e 1 ${'"$0" '.repeat(50_000)}`, "text"],
    ["deep $( )", `${"$(".repeat(200_000)}$0`, "uncertain"],
    ["deep ${…}", `echo ${"${a:-".repeat(200_000)}$0`, "uncertain"],
    ["many words", `declare ${"$0 ".repeat(50_000)}`, "name"],
  ])("%s", (_, command, reason) => {
    expect(reasons(command)).toContain(reason);
  });
});
