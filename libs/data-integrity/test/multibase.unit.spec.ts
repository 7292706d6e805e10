import fc from 'fast-check';
import { base58 } from '@scure/base';
import { decodeMultibase, encodeMultibase } from '@stackledger/data-integrity';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const base58Text = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 120 }).map((cs) => cs.join(''));
const withLeadingOnes = fc.tuple(fc.nat(4), base58Text).map(([n, s]) => '1'.repeat(n) + s);

describe('base58btc multibase', () => {
  it('decodes exactly as @scure/base on random strings, and every string is the one spelling of its bytes', () => {
    fc.assert(
      fc.property(withLeadingOnes, (text) => {
        const ours = decodeMultibase('z' + text);
        expect(ours).toEqual(base58.decode(text));
        expect(encodeMultibase(ours)).toBe('z' + text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips random bytes, leading zero bytes included', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.uint8Array({ maxLength: 100 }), (zeros, tail) => {
        const bytes = new Uint8Array([...new Uint8Array(zeros), ...tail]);
        if (bytes.length === 0) return;
        expect(decodeMultibase(encodeMultibase(bytes))).toEqual(bytes);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each(['', 'z', 'Z6Mk', 'u6Mk', 'z0', 'zO', 'zI', 'zl', 'z6Mk+', 'z6Mk ', 'z6Mké', 'z6Mk\u0000', 42, null])('refuses %p', (value) => {
    expect(() => decodeMultibase(value)).toThrow(TypeError);
  });
});
