import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture } from '@nomicfoundation/hardhat-network-helpers';
import type { ContractTransactionResponse } from 'ethers';
import { deployAnchorFixture, root } from './anchor.fixture';

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

/**
 * Gas is measured and printed, not asserted against a budget; what IS asserted is the design
 * property that anchoring costs the same whatever the batch size (one two-slot struct per batch).
 */
describe('StackLedgerAnchor: gas', () => {
  const figures: Record<string, bigint> = {};
  // eslint-disable-next-line no-console -- the gas figures are this suite's output (printed, not asserted)
  after(() => console.log('      gas used:', Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v)]))));

  it('anchor: 1st, 2nd and 50th batch', async () => {
    const { as, anchorer } = await loadFixture(deployAnchorFixture);
    const anchorer_ = as(anchorer);
    for (let i = 1; i <= 50; i++) {
      const gas = await gasOf(anchorer_.anchor(root(i), i, i));
      if (i === 1) figures['anchor #1'] = gas;
      if (i === 2) figures['anchor #2'] = gas;
      if (i === 50) figures['anchor #50'] = gas;
    }
    // After the first write of the count slot, every batch costs the same.
    expect(figures['anchor #50']).to.equal(figures['anchor #2']);
  });

  it('anchor: the same cost for batches of 1, 1000 and 100000 events', async () => {
    const bySize: Record<number, bigint> = {};
    for (const size of [1, 1000, 100_000]) {
      const { as, anchorer } = await loadFixture(deployAnchorFixture);
      await as(anchorer).anchor(root(0), 1, 1); // measure a steady-state (2nd) batch
      bySize[size] = await gasOf(as(anchorer).anchor(root(1), 2, 1 + size));
      figures[`anchor of ${size} events`] = bySize[size];
    }
    // They differ only in the calldata bytes of toSeq (zero bytes cost 4 gas, non-zero 16).
    const spread = bySize[100_000] > bySize[1] ? bySize[100_000] - bySize[1] : bySize[1] - bySize[100_000];
    expect(spread).to.be.lessThan(300n);
    const spread1k = bySize[1000] > bySize[1] ? bySize[1000] - bySize[1] : bySize[1] - bySize[1000];
    expect(spread1k).to.be.lessThan(300n);
  });

  it('revoke: 1 and 10 keys, and an already revoked key', async () => {
    const { as, anchorer } = await loadFixture(deployAnchorFixture);
    const keys = Array.from({ length: 11 }, (_, i) => ethers.id(`key ${i}`));
    figures['revoke 1 key'] = await gasOf(as(anchorer).revoke(keys.slice(0, 1)));
    figures['revoke 10 keys'] = await gasOf(as(anchorer).revoke(keys.slice(1, 11)));
    figures['revoke 1 already revoked key'] = await gasOf(as(anchorer).revoke(keys.slice(0, 1)));
    expect(figures['revoke 1 already revoked key']).to.be.lessThan(figures['revoke 1 key']);
  });

  it('deployment', async () => {
    const { record } = await loadFixture(deployAnchorFixture);
    const receipt = await ethers.provider.getTransactionReceipt(record.txHash);
    figures['deploy'] = receipt!.gasUsed;
  });
});
