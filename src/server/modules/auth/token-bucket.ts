/**
 * Per-key token buckets kept in this process's memory: each key holds up to `capacity` requests and
 * regains them evenly over `refillSeconds`. Counting a request costs no database write, which for SCIM was
 * a write transaction of its own on every request; the price is that the limit is per instance (several
 * instances behind a load balancer each allow the full rate), which is what a rate limit against a
 * runaway client needs. Time comes from the caller, so tests can move it.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    refillSeconds: number,
    /** Past this many keys, buckets that have refilled (idle keys) are dropped. */
    private readonly maxKeys = 10_000,
  ) {
    this.perMs = capacity / (refillSeconds * 1000);
  }

  /** Takes one request from `key`'s bucket: 0 when admitted, else the whole seconds until one is available. */
  take(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? this.newBucket(key, nowMs);
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, nowMs - bucket.at) * this.perMs);
    bucket.at = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  private newBucket(key: string, nowMs: number): { tokens: number; at: number } {
    if (this.buckets.size >= this.maxKeys) this.dropFull(nowMs);
    const bucket = { tokens: this.capacity, at: nowMs };
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** A bucket that has refilled says nothing a new one would not: forgetting it bounds the memory. */
  private dropFull(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
  }
}
