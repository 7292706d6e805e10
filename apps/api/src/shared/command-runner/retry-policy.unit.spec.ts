import { backoffMs, DEFAULT_RETRY } from './retry-policy';

describe('backoffMs', () => {
  const policy = { retries: 5, minTimeout: 4, factor: 2, maxTimeout: 20 };

  it('grows by the factor from minTimeout, capped at maxTimeout, each wait between half and all of its step', () => {
    expect([1, 2, 3, 4].map((retry) => backoffMs(policy, retry, () => 1))).toEqual([4, 8, 16, 20]);
    expect([1, 2, 3, 4].map((retry) => backoffMs(policy, retry, () => 0))).toEqual([2, 4, 8, 10]);
  });

  it('the default keeps twenty attempts and waits under a second in all', () => {
    const waits = Array.from({ length: DEFAULT_RETRY.retries }, (_, i) => backoffMs(DEFAULT_RETRY, i + 1, () => 1));
    expect(DEFAULT_RETRY.retries + 1).toBe(20);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(1000);
  });
});
