import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture } from '@nomicfoundation/hardhat-network-helpers';
import { eventLeaf, initMerkle, keccak256, MerkleTree, toHex, type EventEnvelope } from '@stackledger/merkle';
import { deployAnchorFixture } from './anchor.fixture';

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => toHex(keccak256(Buffer.from(`leaf:${n}:${i}`))));

describe('StackLedgerAnchor: verify() accepts proofs from libs/merkle', () => {
  before(() => initMerkle());

  for (const n of [1, 2, 3, 5, 8, 13, 100, 257]) {
    it(`accepts every sampled proof of a ${n}-leaf tree and refuses forgeries`, async () => {
      const { anchor } = await loadFixture(deployAnchorFixture);
      const leaves = leavesOf(n);
      const tree = MerkleTree.fromLeaves(leaves);
      for (const i of new Set([0, 1, n >> 1, n - 2, n - 1].filter((i) => i >= 0 && i < n))) {
        const proof = tree.proof(i);
        expect(await anchor.verify(tree.root, proof, leaves[i])).to.equal(true, `leaf ${i}`);
        expect(await anchor.verify(tree.root, proof, ethers.id('forged'))).to.equal(false);
        if (proof.length > 0) expect(await anchor.verify(tree.root, proof.slice(0, -1), leaves[i])).to.equal(false);
      }
      expect(await anchor.verify(ethers.id('another root'), tree.proof(0), leaves[0])).to.equal(false);
    });
  }

  it('gives the verdicts of the libs/merkle test vectors', async () => {
    const { anchor } = await loadFixture(deployAnchorFixture);
    const dir = join(__dirname, '..', '..', 'libs', 'merkle', 'test-vectors');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const { input, expected } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (expected.error === 'MALFORMED_INPUT') continue; // not encodable as bytes32: the ABI coder refuses it first
      expect(await anchor.verify(input.root, input.path, input.leaf)).to.equal(expected.valid, file);
    }
  });

  it('end to end: events -> leaves -> root anchored -> batch on chain -> proof verified', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const events: EventEnvelope[] = Array.from({ length: 11 }, (_, i) => ({
      seq: i + 1,
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      stream: 'learner-1',
      type: 'CredentialIssued',
      data: { credential: { id: `c-${i + 1}`, credits: '4.5' } },
      recordedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
    }));
    const leaves = events.map(eventLeaf);
    const tree = MerkleTree.fromLeaves(leaves);
    await as(anchorer).anchor(tree.root, 1, 11);

    const seq = 7;
    const index = await anchor.batchOfSeq(seq);
    const [root, fromSeq, toSeq] = await anchor.batch(index);
    expect([root, fromSeq, toSeq]).to.deep.equal([tree.root, 1n, 11n]);
    const leaf = eventLeaf(events[seq - 1]);
    expect(await anchor.verify(root, tree.proof(seq - Number(fromSeq)), leaf)).to.equal(true);
    const tampered = eventLeaf({ ...events[seq - 1], data: { credential: { id: 'c-7', credits: '45' } } });
    expect(await anchor.verify(root, tree.proof(seq - Number(fromSeq)), tampered)).to.equal(false);
  });
});
