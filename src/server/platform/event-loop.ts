/**
 * Long work on SQLite runs synchronously under `await`s that resolve at once, so without a pause the
 * server reads no request until it ends. Awaiting this between slices lets waiting requests in.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
