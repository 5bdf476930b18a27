/**
 * Long work on SQLite runs synchronously under `await`s that resolve at once, so without a pause the
 * server reads no request until it ends. Awaiting this between slices lets waiting requests in.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The size of the next slice of work, so that each slice takes about `targetMs`: grown or shrunk in
 * proportion to how long the last one took, at most doubled at a time, within [min, max].
 */
export function nextSliceSize(current: number, elapsedMs: number, options: { targetMs: number; min: number; max: number }): number {
  const { targetMs, min, max } = options;
  const proportional = elapsedMs > 0 ? Math.round((current * targetMs) / elapsedMs) : current * 2;
  return Math.max(min, Math.min(max, current * 2, proportional));
}
