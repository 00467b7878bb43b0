// Runs jobs with at most N at a time, results in the jobs' order whatever order they finish in.

/**
 * `fn` over `items` with at most `limit` calls in flight; the results keep the items' order, so a
 * concurrent run returns what a sequential one does when each call depends only on its own item.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
