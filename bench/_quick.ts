import {
  eachByHand,
  eachByRuntime,
  noopAdapter,
  sequentialByHand,
  sequentialByRuntime,
  sequentialDocument,
} from "./scenarios.js";
const adapter = noopAdapter();
const numbers = Array.from({ length: 10_000 }, (_, i) => i);
const doc = sequentialDocument(200);
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1]!;
async function m(f: () => Promise<unknown>, n = 15) {
  const r: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    r.push(performance.now() - t);
  }
  return med(r);
}
for (let k = 0; k < 2; k++) {
  const a = await m(() => eachByRuntime(numbers, adapter)),
    b = await m(() => eachByHand(numbers, adapter));
  const c = await m(() => sequentialByRuntime(doc, adapter, true), 41),
    d = await m(() => sequentialByHand(200, adapter), 41);
  console.log(
    `each ${a.toFixed(2)} / ${b.toFixed(2)} = ${(a / b).toFixed(2)}x   seq cached ${c.toFixed(3)} / ${d.toFixed(3)} = ${(c / d).toFixed(2)}x`,
  );
}
