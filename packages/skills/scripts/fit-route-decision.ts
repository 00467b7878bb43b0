// Fits the router's logistic "no skill" model (DECISION_MODEL in src/route/decide.ts) on the
// development sets, reports leave-one-set-out accuracy for a range of minConfidence, and prints the
// model to paste. Held-out set H is never read here: it is the blind measurement.
//
//   node --import tsx packages/skills/scripts/fit-route-decision.ts
import {
  DECISION_FEATURES,
  createRouter,
  type DecisionFeatures,
  type DecisionModel,
} from "../src/index.js";
import { labelledSets } from "./_labelled-sets.js";

/** The development sets; H is left out. */
const DEVELOPMENT = labelledSets(["tuned", "A", "B", "C", "D", "E", "F", "G"]);
const KEYS = DECISION_FEATURES;

interface Row {
  set: string;
  expected: string | null;
  ranked: string[];
  features: number[];
}

const rows: Row[] = [];
for (const { label, skills, tasks } of DEVELOPMENT) {
  const router = createRouter(skills, { minScore: 0 });
  for (const { task, expected } of tasks) {
    const { matches } = router.route(task, { k: 3 });
    const features = matches[0]?.explanation.evidence.features;
    if (!features) throw new Error(`no features for "${task}"`);
    rows.push({
      set: label,
      expected,
      ranked: matches.map((m) => m.name),
      features: KEYS.map((key) => features[key]),
    });
  }
}

/** Class-balanced, L2-regularised logistic regression on standardised features, by gradient descent. */
function fit(train: readonly Row[]): DecisionModel {
  const n = KEYS.length;
  const mean = KEYS.map((_, j) => train.reduce((sum, r) => sum + r.features[j]!, 0) / train.length);
  const sd = KEYS.map(
    (_, j) =>
      Math.sqrt(
        train.reduce((sum, r) => sum + (r.features[j]! - mean[j]!) ** 2, 0) / train.length,
      ) || 1,
  );
  const z = train.map((r) => r.features.map((x, j) => (x - mean[j]!) / sd[j]!));
  const y = train.map((r) => (r.expected === null ? 0 : 1));
  const positives = y.filter(Boolean).length;
  const weightOf = (label: number) => (label ? 0.5 / positives : 0.5 / (y.length - positives));
  let w = new Array<number>(n).fill(0);
  let b = 0;
  for (let it = 0; it < 3000; it++) {
    const gw = new Array<number>(n).fill(0);
    let gb = 0;
    z.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-(b + x.reduce((sum, v, j) => sum + v * w[j]!, 0))));
      const e = (p - y[i]!) * weightOf(y[i]!);
      gb += e;
      x.forEach((v, j) => (gw[j]! += e * v));
    });
    w = w.map((wj, j) => wj - 0.1 * (gw[j]! + 0.01 * wj));
    b -= 0.1 * gb;
  }
  // Fold the standardisation into the weights, so the model applies to raw features.
  const raw = w.map((wj, j) => wj / sd[j]!);
  const bias = b - raw.reduce((sum, rj, j) => sum + rj * mean[j]!, 0);
  return {
    bias,
    weights: Object.fromEntries(
      KEYS.map((key, j) => [key, raw[j]!]),
    ) as unknown as DecisionFeatures,
  };
}

function probability(model: DecisionModel, features: readonly number[]): number {
  const z = KEYS.reduce((sum, key, j) => sum + model.weights[key] * features[j]!, model.bias);
  return 1 / (1 + Math.exp(-z));
}

function score(model: DecisionModel, test: readonly Row[], minConfidence: number) {
  let top1 = 0,
    top3 = 0,
    withSkill = 0,
    rejected = 0,
    without = 0;
  for (const row of test) {
    const answers = probability(model, row.features) >= minConfidence;
    if (row.expected === null) {
      without++;
      if (!answers) rejected++;
      continue;
    }
    withSkill++;
    if (answers && row.ranked[0] === row.expected) top1++;
    if (answers && row.ranked.includes(row.expected)) top3++;
  }
  return { top1: top1 / withSkill, top3: top3 / withSkill, noSkill: rejected / without };
}

const sets = DEVELOPMENT.map(({ label }) => label);
const pct = (x: number) => (100 * x).toFixed(0);
console.log(
  "Leave one set out (fit on the others, score the one left out): top-1 / top-3 / no-skill recall",
);
for (const minConfidence of [0.3, 0.35, 0.375, 0.4, 0.45]) {
  const cells = sets.map((held) => {
    const model = fit(rows.filter((r) => r.set !== held));
    const s = score(
      model,
      rows.filter((r) => r.set === held),
      minConfidence,
    );
    return { held, ...s };
  });
  const heldOut = cells.filter((c) => c.held !== "tuned");
  const mean = (key: "top1" | "top3" | "noSkill") =>
    pct(heldOut.reduce((sum, c) => sum + c[key], 0) / heldOut.length);
  console.log(
    `minConfidence ${minConfidence}: ` +
      cells.map((c) => `${c.held} ${pct(c.top1)}/${pct(c.top3)}/${pct(c.noSkill)}`).join("  ") +
      `  | A–G mean ${mean("top1")}/${mean("top3")}/${mean("noSkill")}, lowest no-skill ${pct(Math.min(...heldOut.map((c) => c.noSkill)))}`,
  );
}
const model = fit(rows);
const round = (x: number) => Number(x.toPrecision(4));
console.log("\nFitted on all development sets:");
console.log(
  JSON.stringify(
    {
      bias: round(model.bias),
      weights: Object.fromEntries(KEYS.map((key) => [key, round(model.weights[key])])),
    },
    null,
    2,
  ),
);
