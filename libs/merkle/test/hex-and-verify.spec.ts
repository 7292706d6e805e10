import { checkInclusion, fromHex, initMerkle, MerkleTree, toBytes32, toHex, verifyProof } from '@stackledger/merkle';

beforeAll(() => initMerkle());

describe('hex codec', () => {
  it('round-trips any length in lowercase, including the chunked long path', () => {
    for (const n of [0, 1, 31, 32, 33, 5000, 20_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      const hex = toHex(bytes);
      expect(hex).toBe('0x' + Buffer.from(bytes).toString('hex'));
      expect(fromHex(hex)).toEqual(bytes);
      expect(fromHex(hex.toUpperCase().replace('0X', '0x'))).toEqual(bytes);
    }
  });

  it.each(['', '0x1', 'abcd', '0xzz', '0x 1', ' 0x00', '0X00'])('refuses %j', (bad) => {
    expect(() => fromHex(bad)).toThrow(TypeError);
  });

  it('checks byte lengths where one is required', () => {
    expect(() => fromHex('0x00', 32)).toThrow(/32 bytes/);
    expect(() => toBytes32(new Uint8Array(33))).toThrow(/32 bytes/);
    expect(() => toBytes32(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('checkInclusion / verifyProof', () => {
  const tree = () => MerkleTree.fromLeaves(['0x' + '01'.repeat(32), '0x' + '02'.repeat(32), '0x' + '03'.repeat(32)]);

  it('accepts a valid proof and returns the computed root', () => {
    const t = tree();
    expect(checkInclusion({ leaf: t.leaf(0), path: t.proof(0), root: t.root })).toEqual({ valid: true, computedRoot: t.root });
    expect(checkInclusion({ leaf: t.leaf(0), path: t.proof(0), root: t.root.toUpperCase().replace('0X', '0x') }).valid).toBe(true);
  });

  it('reports malformed input instead of throwing', () => {
    const t = tree();
    for (const input of [
      { leaf: '0x01', path: t.proof(0), root: t.root },
      { leaf: t.leaf(0), path: t.proof(0), root: 'root' },
      { leaf: t.leaf(0), path: 'not an array' as unknown as string[], root: t.root },
      { leaf: t.leaf(0), path: [null as unknown as string], root: t.root },
    ]) {
      expect(checkInclusion(input)).toMatchObject({ valid: false, error: 'MALFORMED_INPUT' });
      expect(verifyProof(input.root, input.path, input.leaf)).toBe(false);
    }
  });

  it('reports a root mismatch with the root it computed', () => {
    const t = tree();
    const result = checkInclusion({ leaf: t.leaf(1), path: t.proof(0), root: t.root });
    expect(result).toMatchObject({ valid: false, error: 'ROOT_MISMATCH' });
    expect(result.computedRoot).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
