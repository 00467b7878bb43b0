// The standard normal quantile (inverse CDF), used to turn any confidence level into a z value.
import { assertOpenUnit } from "./validate.js";

// Coefficients of Wichura's AS241 (PPND16), lowest degree first, as the nearest doubles to the
// published 20-digit values. Each region is a ratio of degree-7 polynomials.
const CENTRAL_NUM = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DEN = [
  1.0, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597,
  39307.89580009271, 28729.085735721943, 5226.495278852854,
];
const NEAR_NUM = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DEN = [
  1.0, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const FAR_NUM = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
];
const FAR_DEN = [
  1.0, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Evaluates a polynomial with coefficients lowest degree first, by Horner's rule. */
function horner(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) result = result * x + (coefficients[i] ?? 0);
  return result;
}

/** Two-sided critical value z for a confidence level, e.g. 0.95 → 1.959964. */
export function zForConfidence(confidence: number): number {
  assertOpenUnit("confidence", confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * The standard normal quantile Φ⁻¹(p) for p in [0, 1], with 0 → -Infinity and 1 → Infinity.
 *
 * Wichura's AS241, the algorithm behind R's `qnorm` and Python's `NormalDist.inv_cdf`, chosen over
 * Acklam's because it reaches about 1e-16 relative accuracy without a refinement step.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`p must be between 0 and 1, got ${p}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL_NUM, r)) / horner(CENTRAL_DEN, r);
  }
  // Tails: work with the smaller of p and 1 − p so no precision is lost near 1.
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x =
    r <= 5
      ? horner(NEAR_NUM, r - 1.6) / horner(NEAR_DEN, r - 1.6)
      : horner(FAR_NUM, r - 5) / horner(FAR_DEN, r - 5);
  return q < 0 ? -x : x;
}
