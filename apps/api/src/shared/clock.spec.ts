import { randomIds } from './clock';

describe('randomIds.salt', () => {
  it('gives 256-bit 0x-hex salts, all distinct, across several pool refills', () => {
    const salts = Array.from({ length: 1_000 }, () => randomIds.salt());
    for (const salt of salts) expect(salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(new Set(salts).size).toBe(salts.length);
  });
});
