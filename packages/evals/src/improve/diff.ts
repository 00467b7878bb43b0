// A unified diff of two texts, line by line (longest common subsequence; SKILL.md files are small).

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

/** The edit script from `a` to `b`: kept, removed and added lines with their 0-based positions. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", line: a[i]!, a: i++, b: j++ });
    // On a tie the removal goes first, as diff(1) prints it.
    else if (j < m && (i === n || lcs[i]![j + 1]! > lcs[i + 1]![j]!))
      ops.push({ kind: "+", line: b[j]!, a: i, b: j++ });
    else ops.push({ kind: "-", line: a[i]!, a: i++, b: j });
  }
  return ops;
}

const linesOf = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/**
 * The unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around changes) turning
 * `before` into `after`; the empty string when they are equal.
 */
export function unifiedDiff(
  before: string,
  after: string,
  names: { before: string; after: string } = { before: "a/SKILL.md", after: "b/SKILL.md" },
  context = 3,
): string {
  const ops = editScript(linesOf(before), linesOf(after));
  const changed = ops.flatMap((op, index) => (op.kind === " " ? [] : [index]));
  if (changed.length === 0) return "";
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length - 1, index + context);
    const last = hunks.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  const out = [`--- ${names.before}`, `+++ ${names.after}`];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const aCount = slice.filter((op) => op.kind !== "+").length;
    const bCount = slice.filter((op) => op.kind !== "-").length;
    const first = slice[0]!;
    const aStart = aCount === 0 ? first.a : first.a + 1;
    const bStart = bCount === 0 ? first.b : first.b + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const op of slice) out.push(`${op.kind}${op.line}`);
  }
  return `${out.join("\n")}\n`;
}
