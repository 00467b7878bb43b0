// Word vectors for routing by meaning: a task word matches a skill word it is close to, not only itself.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The bundled vectors: GloVe 100-d (Wikipedia + Gigaword, public domain), the 50,000 most frequent
 * lowercase words, projected onto 64 principal components and stored as int8 with a scale per word
 * (built by scripts/build-word-vectors.ts).
 *
 * Layout: "SFWV", u16 version (1), u16 dimensions, u32 words, u32 byte length of the words; the words
 * (UTF-8, newline-separated, most frequent first); one f32 scale per word; dimensions × words int8.
 */
const BUNDLED = fileURLToPath(new URL("../../assets/word-vectors.bin", import.meta.url));

/** Smoothing of the frequency weight a/(a + p(w)) (Arora et al., "SIF"), p estimated from the rank. */
const SIF_A = 1e-3;
/**
 * Harmonic number of the source vocabulary (341,479 words), for Zipf's estimate of a word's frequency
 * from its rank: p(rank r) = 1 / (r · H).
 */
const HARMONIC = Math.log(341_479) + 0.5772;

/** Unit-length word vectors, with each word's frequency rank, for routing by meaning. */
export class WordVectors {
  readonly dimensions: number;
  readonly #rows = new Map<string, number>();
  readonly #values: Float32Array;

  private constructor(words: readonly string[], dimensions: number, values: Float32Array) {
    this.dimensions = dimensions;
    words.forEach((word, row) => this.#rows.set(word, row));
    this.#values = values;
  }

  /** Reads vectors in the layout above; throws naming the file when it is not that layout. */
  static read(file: string): WordVectors {
    const bytes = readFileSync(file);
    const bad = (why: string) => new Error(`${file}: not a word-vector file (${why})`);
    if (bytes.length < 16 || bytes.toString("latin1", 0, 4) !== "SFWV") throw bad("no SFWV header");
    if (bytes.readUInt16LE(4) !== 1) throw bad(`format version ${bytes.readUInt16LE(4)}`);
    const dimensions = bytes.readUInt16LE(6);
    const count = bytes.readUInt32LE(8);
    const namesLength = bytes.readUInt32LE(12);
    const scalesAt = 16 + namesLength;
    const valuesAt = scalesAt + 4 * count;
    if (dimensions === 0 || bytes.length !== valuesAt + count * dimensions) throw bad("wrong size");
    const words = bytes.toString("utf8", 16, scalesAt).split("\n");
    if (words.length !== count) throw bad("word count");
    const values = new Float32Array(count * dimensions);
    for (let row = 0; row < count; row++) {
      const scale = bytes.readFloatLE(scalesAt + 4 * row);
      let norm = 0;
      for (let d = 0; d < dimensions; d++) {
        const value = bytes.readInt8(valuesAt + row * dimensions + d) * scale;
        values[row * dimensions + d] = value;
        norm += value * value;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dimensions; d++) values[row * dimensions + d]! /= norm;
    }
    return new WordVectors(words, dimensions, values);
  }

  /** The unit vector of a lowercase word, or undefined when the word is not in the vocabulary. */
  vector(word: string): Float32Array | undefined {
    const row = this.#rows.get(word);
    if (row === undefined) return undefined;
    return this.#values.subarray(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /**
   * How much a word says about a text's meaning: a/(a + p(w)), with p(w) from its frequency rank, so
   * "report" weighs less than "reconciliation"; a word outside the vocabulary is rare, weight 1.
   */
  weight(word: string): number {
    const row = this.#rows.get(word);
    if (row === undefined) return 1;
    return SIF_A / (SIF_A + 1 / ((row + 1) * HARMONIC));
  }

  /** The frequency-weighted mean of the words' vectors, unit length (all zeros when none is known). */
  mean(words: Iterable<string>): Float32Array {
    const out = new Float32Array(this.dimensions);
    for (const word of words) {
      const v = this.vector(word);
      if (v === undefined) continue;
      const w = this.weight(word);
      for (let d = 0; d < this.dimensions; d++) out[d]! += w * v[d]!;
    }
    return normalize(out);
  }
}

let bundled: WordVectors | undefined;

/** The vectors shipped with this package, read once per process. */
export function bundledWordVectors(): WordVectors {
  bundled ??= WordVectors.read(BUNDLED);
  return bundled;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < v.length; d++) v[d]! /= norm;
  return v;
}

/** Dot product, the cosine of two unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

/** Removes the component along unit vector `axis` and rescales to unit length, in place. */
export function removeAxis(v: Float32Array, axis: Float32Array): Float32Array {
  const p = dot(v, axis);
  for (let d = 0; d < v.length; d++) v[d]! -= p * axis[d]!;
  return normalize(v);
}

/**
 * The first principal direction of unit vectors (uncentred, by power iteration): what every skill
 * in a library shares, which says nothing about which one a task wants ("common component removal").
 */
export function commonAxis(vectors: readonly Float32Array[], dimensions: number): Float32Array {
  let u: Float32Array = new Float32Array(dimensions).fill(1 / Math.sqrt(dimensions));
  for (let it = 0; it < 50; it++) {
    const next = new Float32Array(dimensions);
    for (const v of vectors) {
      const p = dot(v, u);
      for (let d = 0; d < dimensions; d++) next[d]! += p * v[d]!;
    }
    if (next.every((x) => x === 0)) return next;
    u = normalize(next);
  }
  return u;
}
