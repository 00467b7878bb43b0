// Routing by meaning: how close a task is to each skill in word-vector space, relative to the library.
import { contentWords } from "./tokenize.js";
import { commonAxis, dot, removeAxis, type WordVectors } from "./vectors.js";

/** A task word counts as said by a skill when its vector is at least this close to one of the skill's words. */
const NEAR_WORD = 0.6;
/**
 * Distinct task words compared word by word with each candidate's words (the mean vector uses all):
 * a task is a sentence or a paragraph, and this bounds what a pasted document can cost.
 */
const MAX_TASK_WORDS = 256;

/** What word vectors say about one candidate, relative to the rest of the library. */
export interface MeaningEvidence {
  /** Cosine between the task's and the skill's mean vectors, with the library's common direction removed. */
  cosine: number;
  /** How far that cosine stands above the library's: (cosine − mean) / standard deviation over all skills. */
  standout: number;
  /** Cosine minus the best cosine of any other skill (negative when another skill is closer). */
  lead: number;
  /** Share (0..1) of the task's known words, weighted by rarity, that are close to one of the skill's words. */
  nearWords: number;
}

/** The library's skills as vectors; built once by `createRouter`. */
export interface MeaningIndex {
  vectors: WordVectors;
  /** What all the library's skills share, removed from every vector before comparing. */
  axis: Float32Array;
  /** The skills' mean vectors (axis removed), one row of `dimensions` per skill, in library order. */
  skills: Float32Array;
  count: number;
  /** Per skill: the vectors of its distinct known words. */
  words: Float32Array[][];
}

/**
 * The fewest skills for which the library's common direction and a cosine's standout mean anything:
 * in a library of one skill the common direction is that skill, and in one of two, removing it
 * leaves two opposite vectors.
 */
const MIN_LIBRARY = 4;

/** Indexes skill texts (name words, when to use, description) as vectors. */
export function indexMeaning(vectors: WordVectors, texts: readonly string[]): MeaningIndex {
  const words = texts.map((text) => [...new Set(contentWords(text))]);
  const means = words.map((list) => vectors.mean(list));
  const axis =
    texts.length >= MIN_LIBRARY
      ? commonAxis(means, vectors.dimensions)
      : new Float32Array(vectors.dimensions);
  const skills = new Float32Array(texts.length * vectors.dimensions);
  means.forEach((v, d) => skills.set(removeAxis(v, axis), d * vectors.dimensions));
  return {
    vectors,
    axis,
    skills,
    count: texts.length,
    words: words.map((list) =>
      list.map((word) => vectors.vector(word)).filter((v): v is Float32Array => v !== undefined),
    ),
  };
}

/** A task as the meaning index compares it: its known words with their weights, and its cosines. */
export interface TaskMeaning {
  words: { vector: Float32Array; weight: number }[];
  /** Cosine with every skill, in library order. */
  cosines: Float64Array;
  mean: number;
  deviation: number;
  /** The skill with the highest cosine, and the highest and second-highest cosines. */
  closest: number;
  first: number;
  second: number;
}

/** Compares a task (its `contentWords`) with every skill of the library: O(skills × dimensions). */
export function readTask(index: MeaningIndex, list: readonly string[]): TaskMeaning {
  const vector = removeAxis(index.vectors.mean(list), index.axis);
  const words = [...new Set(list)].slice(0, MAX_TASK_WORDS).flatMap((word) => {
    const v = index.vectors.vector(word);
    return v === undefined ? [] : [{ vector: v, weight: index.vectors.weight(word) }];
  });
  const cosines = new Float64Array(index.count);
  const size = vector.length;
  let sum = 0;
  let closest = -1;
  let first = -Infinity;
  let second = -Infinity;
  for (let d = 0, at = 0; d < index.count; d++, at += size) {
    let c = 0;
    for (let i = 0; i < size; i++) c += vector[i]! * index.skills[at + i]!;
    cosines[d] = c;
    sum += c;
    if (c > first) [closest, first, second] = [d, c, first];
    else if (c > second) second = c;
  }
  const mean = sum / Math.max(1, cosines.length);
  let squares = 0;
  for (const c of cosines) squares += (c - mean) ** 2;
  return {
    words,
    cosines,
    mean,
    deviation: Math.sqrt(squares / Math.max(1, cosines.length)),
    closest,
    first,
    second,
  };
}

/** The meaning evidence for skill `d`: O(task words × skill words × dimensions). */
export function weighMeaning(index: MeaningIndex, task: TaskMeaning, d: number): MeaningEvidence {
  const cosine = task.cosines[d]!;
  const other = d === task.closest ? task.second : task.first;
  let near = 0;
  let total = 0;
  for (const word of task.words) {
    total += word.weight;
    if (index.words[d]!.some((v) => dot(word.vector, v) >= NEAR_WORD)) near += word.weight;
  }
  return {
    cosine,
    // Over fewer skills a deviation says nothing (over two, every standout is ±1).
    standout:
      index.count >= MIN_LIBRARY && task.deviation > 1e-9
        ? (cosine - task.mean) / task.deviation
        : 0,
    lead: other === -Infinity ? cosine : cosine - other,
    nearWords: total > 0 ? near / total : 0,
  };
}
