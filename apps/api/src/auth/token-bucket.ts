/**
 * Per-caller token buckets: each caller may burst up to `perMinute` requests, refilled at
 * `perMinute / 60` per second. The table is a Map kept in order of last use (a caller's bucket is
 * moved to the back on each request), so eviction only ever looks at the front: buckets there that
 * have refilled to full (idle callers) are dropped, since a fresh bucket equals them; and past
 * `maxCallers`, the least recently seen go too, so memory stays bounded even under a flood of
 * distinct callers. Each request costs O(1) amortised: a bucket is dropped at most once.
 */
export interface TakeResult {
  allowed: boolean;
  /** Whole seconds until one token is back (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxCallers = 10_000,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error('perMinute must be a positive integer');
    if (!Number.isInteger(maxCallers) || maxCallers < 1) throw new Error('maxCallers must be a positive integer');
    this.refillPerMs = perMinute / 60_000;
  }

  take(caller: string): TakeResult {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(caller), now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.keep(caller, bucket, now);
    if (allowed) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)) };
  }

  size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.perMinute, updatedAt: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    return { tokens, updatedAt: now };
  }

  /** Moves the caller to the back (most recently seen), then trims the front. */
  private keep(caller: string, bucket: Bucket, now: number): void {
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    for (const [key, oldest] of this.buckets) {
      if (this.buckets.size <= this.maxCallers && this.refilled(oldest, now).tokens < this.perMinute) return;
      this.buckets.delete(key);
    }
  }
}
