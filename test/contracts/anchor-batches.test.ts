import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture, time } from '@nomicfoundation/hardhat-network-helpers';
import { deployAnchorFixture, root } from './anchor.fixture';

/** A fixture with four batches: [1,1] [2,10] [11,11] [12,1000]. */
async function fourBatchesFixture() {
  const f = await deployAnchorFixture();
  const ranges: [number, number][] = [
    [1, 1],
    [2, 10],
    [11, 11],
    [12, 1000],
  ];
  for (const [i, [from, to]] of ranges.entries()) await f.as(f.anchorer).anchor(root(i), from, to);
  return { ...f, ranges };
}

describe('StackLedgerAnchor: anchoring', () => {
  it('starts empty', async () => {
    const { anchor } = await loadFixture(deployAnchorFixture);
    expect(await anchor.batchCount()).to.equal(0n);
    await expect(anchor.batch(0)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorIndexOutOfRange').withArgs(0, 0);
    await expect(anchor.batchOfSeq(1)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorSeqNotAnchored').withArgs(1);
  });

  it('anchors the first batch from seq 1, emits BatchAnchored and stores the block time', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const tx = as(anchorer).anchor(root(7), 1, 10);
    await expect(tx).to.emit(anchor, 'BatchAnchored').withArgs(0, root(7), 1, 10);
    const block = await ethers.provider.getBlock((await (await tx).wait())!.blockNumber);
    expect(await anchor.batchCount()).to.equal(1n);
    expect(await anchor.batch(0)).to.deep.equal([root(7), 1n, 10n, BigInt(block!.timestamp)]);
  });

  it('requires the first batch to start at 1', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    for (const from of [0, 2]) {
      await expect(as(anchorer).anchor(root(1), from, 5))
        .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorNonContiguousRange')
        .withArgs(1, from);
    }
  });

  it('accepts only the next contiguous range: refuses a gap, an overlap and a restart at 1', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    await as(anchorer).anchor(root(0), 1, 10);
    for (const [from, to] of [
      [12, 20],
      [10, 20],
      [5, 8],
      [1, 10],
      [1, 30],
    ]) {
      await expect(as(anchorer).anchor(root(1), from, to))
        .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorNonContiguousRange')
        .withArgs(11, from);
    }
    await expect(as(anchorer).anchor(root(1), 11, 11))
      .to.emit(anchor, 'BatchAnchored')
      .withArgs(1, root(1), 11, 11);
    await expect(as(anchorer).anchor(root(2), 12, 20))
      .to.emit(anchor, 'BatchAnchored')
      .withArgs(2, root(2), 12, 20);
  });

  it('refuses toSeq < fromSeq and a zero root', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    await expect(as(anchorer).anchor(root(1), 1, 0))
      .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorInvalidRange')
      .withArgs(1, 0);
    await expect(as(anchorer).anchor(ethers.ZeroHash, 1, 1)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorZeroRoot');
  });

  it('never overwrites: refused calls leave earlier batches intact', async () => {
    const { as, anchor, anchorer } = await loadFixture(fourBatchesFixture);
    const before = await Promise.all([0, 1, 2, 3].map((i) => anchor.batch(i)));
    await expect(as(anchorer).anchor(root(99), 1, 1000)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorNonContiguousRange');
    await expect(as(anchorer).anchor(root(99), 12, 1000)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorNonContiguousRange');
    expect(await Promise.all([0, 1, 2, 3].map((i) => anchor.batch(i)))).to.deep.equal(before);
    expect(await anchor.batchCount()).to.equal(4n);
  });

  it('reads batches back by index and refuses an index past the end', async () => {
    const { anchor, ranges } = await loadFixture(fourBatchesFixture);
    for (const [i, [from, to]] of ranges.entries()) {
      const [r, f, t] = await anchor.batch(i);
      expect([r, f, t]).to.deep.equal([root(i), BigInt(from), BigInt(to)]);
    }
    await expect(anchor.batch(4)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorIndexOutOfRange').withArgs(4, 4);
    await expect(anchor.batch(ethers.MaxUint256))
      .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorIndexOutOfRange')
      .withArgs(ethers.MaxUint256, 4);
  });

  it('finds the batch of a seq at every boundary, and refuses seqs not anchored', async () => {
    const { anchor } = await loadFixture(fourBatchesFixture);
    const expected: [number, number][] = [
      [1, 0],
      [2, 1],
      [3, 1],
      [10, 1],
      [11, 2],
      [12, 3],
      [500, 3],
      [1000, 3],
    ];
    for (const [seq, index] of expected) expect(await anchor.batchOfSeq(seq)).to.equal(BigInt(index), `seq ${seq}`);
    for (const seq of [0, 1001, 2n ** 64n - 1n]) {
      await expect(anchor.batchOfSeq(seq)).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorSeqNotAnchored').withArgs(seq);
    }
  });

  it('finds the batch of every boundary seq over 50 uneven batches (binary search)', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const ranges: [number, number][] = [];
    for (let i = 0, from = 1; i < 50; i++) {
      const to = from + ((i * 7) % 5);
      ranges.push([from, to]);
      await as(anchorer).anchor(root(i), from, to);
      from = to + 1;
    }
    for (const [i, [from, to]] of ranges.entries()) {
      expect(await anchor.batchOfSeq(from)).to.equal(BigInt(i));
      expect(await anchor.batchOfSeq(to)).to.equal(BigInt(i));
    }
  });

  it('records each batch with the time of its own block', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    await as(anchorer).anchor(root(0), 1, 1);
    await time.increase(3600);
    await as(anchorer).anchor(root(1), 2, 2);
    const [, , , t0] = await anchor.batch(0);
    const [, , , t1] = await anchor.batch(1);
    expect(t1 - t0).to.be.greaterThanOrEqual(3600n);
  });

  it('refuses a range of 2^32 seqs or more (MAX_BATCH_SPAN), so no anchorer key can exhaust uint64', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const span = 2n ** 32n;
    const max = 2n ** 64n - 1n;
    expect(await anchor.MAX_BATCH_SPAN()).to.equal(span);
    for (const to of [1n + span, max]) {
      await expect(as(anchorer).anchor(root(0), 1, to))
        .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorRangeTooLarge')
        .withArgs(1, to, span);
    }
    expect(await anchor.batchCount()).to.equal(0n);
  });

  it('accepts the largest range, 2^32 seqs, and the next batch still anchors after it', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const last = 2n ** 32n; // toSeq - fromSeq = 2^32 - 1
    await expect(as(anchorer).anchor(root(0), 1, last))
      .to.emit(anchor, 'BatchAnchored')
      .withArgs(0, root(0), 1, last);
    await expect(as(anchorer).anchor(root(1), last + 1n, last + 1n))
      .to.emit(anchor, 'BatchAnchored')
      .withArgs(1, root(1), last + 1n, last + 1n);
    await expect(as(anchorer).anchor(root(2), last + 2n, 2n ** 64n - 1n))
      .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorRangeTooLarge')
      .withArgs(last + 2n, 2n ** 64n - 1n, 2n ** 32n);
    expect(await anchor.batchOfSeq(last + 1n)).to.equal(1n);
  });
});
