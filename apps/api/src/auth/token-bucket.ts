/**
 * Per-caller token buckets: each caller may burst up to `perMinute` requests, refilled at
 * `perMinute / 60` per second. Memory stays bounded: once more than `maxCallers` buckets exist,
 * the ones that have refilled to full (idle callers) are dropped, since a fresh bucket equals them.
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
    this.refillPerMs = perMinute / 60_000;
  }

  take(caller: string): TakeResult {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(caller), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.keep(caller, bucket, now);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    this.keep(caller, bucket, now);
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

  private keep(caller: string, bucket: Bucket, now: number): void {
    this.buckets.set(caller, bucket);
    if (this.buckets.size <= this.maxCallers) return;
    for (const [key, other] of this.buckets) {
      if (this.refilled(other, now).tokens >= this.perMinute) this.buckets.delete(key);
    }
  }
}
