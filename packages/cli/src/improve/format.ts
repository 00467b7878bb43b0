// What `skillflow improve` prints for people: the split, each round, the diff, before and after.
import {
  describeComparison,
  type HalfComparison,
  type HalfScore,
  type ImproveResult,
  type TriggerScores,
  type TuneResult,
  type CostReport,
} from "@skillflow/evals";

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

const rate = (s: HalfScore["summary"]) =>
  `${pct(s.rate)} [${pct(s.interval.low)}–${pct(s.interval.high)}] (${s.passes}/${s.passes + s.failures}${s.errors ? `, ${s.errors} errors` : ""})`;

function halves(label: string, rows: readonly HalfComparison[]): string[] {
  return rows.map(
    (c) =>
      `  ${label.padEnd(9)} ${c.model}: ${rate(c.current)} → ${rate(c.candidate)}; ${describeComparison(c).slice(c.model.length + 2)}`,
  );
}

/** The cost line: spent of the limit, by role, calls and refusals. */
export function costLine(cost: CostReport): string {
  const usd = (x: number) => `$${x.toFixed(4)}`;
  return `cost: ${usd(cost.spentUsd)} of ${usd(cost.limitUsd)} (evaluations ${usd(cost.byRole.evaluation)}, proposer ${usd(cost.byRole.proposer)}, judge ${usd(cost.byRole.judge)}); ${cost.calls} model calls${cost.refused ? `, ${cost.refused} refused by the budget` : ""}`;
}

/** The improvement report as text. */
export function formatImprove(result: ImproveResult): string {
  const lines = [
    `improve ${result.skill}: seed ${result.seed}; shown cases ${result.split.shown.join(", ")}; held-out cases ${result.split.heldOut.join(", ")}`,
    ...result.warnings.map((w) => `warning: ${w}`),
    "current version:",
    ...result.before.shown.map((s) => `  shown     ${s.model}: ${rate(s.summary)}`),
    ...result.before.heldOut.map((s) => `  held-out  ${s.model}: ${rate(s.summary)}`),
  ];
  for (const r of result.rounds)
    lines.push(
      `round ${r.round}: ${r.outcome} — ${r.reason}${r.chars !== undefined ? ` (${r.chars} of at most ${r.limit} characters)` : ""}`,
    );
  if (result.best) {
    lines.push(
      "",
      `candidate (round ${result.best.round}), against the current SKILL.md:`,
      result.best.diff.trimEnd(),
      "",
    );
    lines.push(
      "before → after:",
      ...halves("shown", result.best.shown),
      ...halves("held-out", result.best.heldOut),
    );
    lines.push(
      `verdict: better on the held-out cases (significance ${result.alpha.toPrecision(2)}, 0.05 over ${Math.max(1, Math.round(0.05 / result.alpha))} round(s))`,
    );
  } else
    lines.push(
      `verdict: no candidate beat the current version on the held-out cases; nothing to write`,
    );
  lines.push(`stopped: ${result.stopped} (${result.stopReason})`, costLine(result.cost));
  return `${lines.join("\n")}\n`;
}

const scores = (s: TriggerScores) =>
  `score ${pct(s.score)} (agent recall ${pct(s.recall)}, specificity ${pct(s.specificity)}; router recall ${pct(s.routing.recall)}, specificity ${pct(s.routing.specificity)}; ${s.trials} trials)`;

/** The description tuning report as text. */
export function formatTune(result: TuneResult): string {
  const { train, heldOut } = result.split;
  const lines = [
    `tune the description of ${result.skill}: seed ${result.seed}; train ${train.shouldTrigger.length} should / ${train.shouldNotTrigger.length} should-not sentences, held out ${heldOut.shouldTrigger.length} / ${heldOut.shouldNotTrigger.length}`,
    ...result.warnings.map((w) => `warning: ${w}`),
    `current: ${result.current.description}`,
    `  train     ${scores(result.current.train)}`,
    `  held-out  ${scores(result.current.heldOut)}`,
  ];
  for (const r of result.rounds) {
    lines.push(`round ${r.round}: ${r.kept ? "kept" : "nothing kept"} — ${r.reason}`);
    for (const c of r.candidates) {
      lines.push(`  [${c.outcome}] ${c.description}`);
      if (c.problem) lines.push(`    ${c.problem.message}`);
      if (c.heldOut) lines.push(`    held-out ${scores(c.heldOut)}`);
      if (c.steal?.steals)
        lines.push(
          `    takes other skills' tasks: router ${c.steal.router.length} sentence(s), agent ${c.steal.agent.current} → ${c.steal.agent.candidate} activations`,
        );
    }
  }
  if (result.best)
    lines.push(
      "",
      `candidate (round ${result.best.round}), against the current SKILL.md:`,
      result.best.diff.trimEnd(),
      "",
      `verdict: better on the held-out sentences: ${scores(result.current.heldOut)} → ${scores(result.best.heldOut)}`,
    );
  else
    lines.push(
      "verdict: no description beat the current one on the held-out sentences; nothing to write",
    );
  lines.push(`stopped: ${result.stopped} (${result.stopReason})`, costLine(result.cost));
  return `${lines.join("\n")}\n`;
}
