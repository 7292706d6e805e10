import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processProof as ozProcessProof } from '@openzeppelin/merkle-tree/dist/core';
import { keccak256 as ethersKeccak, toUtf8Bytes } from 'ethers';
import { MerkleTree as MerkleTreeJs } from 'merkletreejs';
import { canonicalJson, checkInclusion, initMerkle } from '@stackledger/merkle';
import { buildVectors, VECTORS_DIR, type ProofVector } from '../../../scripts/merkle-vectors';

const files = readdirSync(VECTORS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8')) as ProofVector;

beforeAll(() => initMerkle());

describe('Merkle proof test vectors (libs/merkle/test-vectors)', () => {
  it('include the valid proof and every named fault', () => {
    expect(files).toEqual(
      expect.arrayContaining(['valid.json', 'wrong-leaf.json', 'truncated-path.json', 'swapped-sibling.json', 'wrong-root.json']),
    );
  });

  it.each(files)('%s gives its expected verdict', (file) => {
    const vector = load(file);
    expect(`${vector.name}.json`).toBe(file);
    const result = checkInclusion(vector.input);
    expect(result.valid).toBe(vector.expected.valid);
    if (!vector.expected.valid && !result.valid) expect(result.error).toBe(vector.expected.error);
  });

  it.each(files)('%s gets the same verdict from OpenZeppelin processProof', (file) => {
    const { input, expected } = load(file);
    if (!expected.valid && expected.error === 'MALFORMED_INPUT') return; // OZ would hash the short input, not refuse it
    expect(ozProcessProof(input.leaf, input.path) === input.root).toBe(expected.valid);
  });

  it('valid.json derives from its event with an independent keccak and tree (ethers + merkletreejs)', () => {
    const { input, derivation } = load('valid.json');
    const d = derivation as {
      event: { data: { credential: object } };
      canonicalJson: string;
      eventHash: string;
      credentialKey: string;
      batch: { leaves: string[] };
    };
    expect(canonicalJson(d.event)).toBe(d.canonicalJson);
    expect(ethersKeccak(toUtf8Bytes(d.canonicalJson))).toBe(d.eventHash);
    expect(ethersKeccak(d.eventHash)).toBe(input.leaf);
    expect(ethersKeccak(toUtf8Bytes(canonicalJson(d.event.data.credential)))).toBe(d.credentialKey);
    const hash = (b: Buffer) => Buffer.from(ethersKeccak(b).slice(2), 'hex');
    const tree = new MerkleTreeJs(
      d.batch.leaves.map((l) => Buffer.from(l.slice(2), 'hex')),
      hash,
      { sortPairs: true },
    );
    expect(tree.getHexRoot()).toBe(input.root);
    expect(tree.getHexProof(Buffer.from(input.leaf.slice(2), 'hex'), 2)).toEqual(input.path);
  });

  it('match what scripts/merkle-vectors.ts builds (regenerate them after a deliberate change)', () => {
    const built = buildVectors();
    expect(built.map((v) => `${v.name}.json`).sort()).toEqual(files);
    for (const v of built) expect(load(`${v.name}.json`)).toEqual(JSON.parse(JSON.stringify(v)));
  });
});
