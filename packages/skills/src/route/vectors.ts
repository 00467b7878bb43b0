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
 * Harmonic number of the bundled vectors' source vocabulary (341,479 words), for Zipf's estimate of
 * a word's frequency from its rank: p(rank r) = 1 / (r · H). Vectors of your own must list their
 * words most frequent first too; the estimate is coarse anyway, and only orders words by rarity.
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
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(`${file}: cannot read the word vectors (${code})`, { cause: error });
    }
    const bad = (why: string) => new Error(`${file}: not a word-vector file (${why})`);
    if (bytes.length < 16 || bytes.toString("latin1", 0, 4) !== "SFWV") throw bad("no SFWV header");
    if (bytes.readUInt16LE(4) !== 1) throw bad(`format version ${bytes.readUInt16LE(4)}`);
    const dimensions = bytes.readUInt16LE(6);
    const count = bytes.readUInt32LE(8);
    const namesLength = bytes.readUInt32LE(12);
    const scalesAt = 16 + namesLength;
    const valuesAt = scalesAt + 4 * count;
    if (dimensions === 0 || bytes.length !== valuesAt + count * dimensions) throw bad("wrong size");
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(16, scalesAt));
    } catch {
      throw bad("the words are not UTF-8");
    }
    const words = count === 0 && text === "" ? [] : text.split("\n");
    if (words.length !== count) throw bad(`${words.length} words where the header says ${count}`);
    const seen = new Set<string>();
    for (const [row, word] of words.entries()) {
      if (word === "") throw bad(`word ${row} is empty`);
      if (seen.has(word)) throw bad(`word ${row} ("${word}") appears twice`);
      seen.add(word);
    }
    const quantised = new Int8Array(bytes.buffer, bytes.byteOffset + valuesAt, count * dimensions);
    const values = new Float32Array(count * dimensions);
    for (let row = 0; row < count; row++) {
      const scale = bytes.readFloatLE(scalesAt + 4 * row);
      if (!Number.isFinite(scale) || scale <= 0) throw bad(`word ${row} has scale ${scale}`);
      // Scaling does not change a direction, so only the int8 values matter once normalised.
      let norm = 0;
      for (let d = 0; d < dimensions; d++) norm += quantised[row * dimensions + d]! ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) continue; // a zero vector stays zero: the word carries no direction
      for (let d = 0; d < dimensions; d++)
        values[row * dimensions + d] = quantised[row * dimensions + d]! / norm;
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

/**
 * Scales a vector to unit length in place. A zero vector stays zero, and so does the rounding residue
 * of removing a vector's own direction (norm below 1e-6), which has no direction worth keeping.
 */
export function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm < 1e-6) v.fill(0);
  else for (let d = 0; d < v.length; d++) v[d]! /= norm;
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
