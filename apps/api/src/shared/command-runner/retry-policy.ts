/**
 * Retries on a version conflict, as Emmett's command handler does (`retries`, `minTimeout`,
 * `factor`): the n-th retry waits up to `minTimeout * factor^(n-1)` ms, capped at `maxTimeout`.
 */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  minTimeout: number;
  factor: number;
  maxTimeout: number;
}

/**
 * Twenty attempts, as before there was a backoff. Racing 80 requests on three learners
 * (test/reliability/concurrency.spec.ts, three seeds) used at most 9 of them without backoff and
 * at most 7 with it; the waits of all twenty total under 0.65 s.
 */
export const DEFAULT_RETRY: RetryPolicy = { retries: 19, minTimeout: 2, factor: 1.5, maxTimeout: 50 };

/**
 * The wait before retry `retry` (1-based): between half and all of its step, at random, so
 * requests that collided once do not collide again in lockstep.
 */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxTimeout, policy.minTimeout * policy.factor ** (retry - 1));
  return step * (0.5 + random() / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
