import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture } from '@nomicfoundation/hardhat-network-helpers';
import {
  MAX_REVOKE_KEYS,
  REVOKE_GAS_BASE,
  REVOKE_GAS_PER_KEY,
  revokeGasLimit,
  TX_GAS_CAP,
} from '../../apps/api/src/anchoring/anchor-chain.port';
import { deployAnchorFixture } from './anchor.fixture';

const keys = (label: string, n: number) => Array.from({ length: n }, (_, i) => ethers.id(`${label} ${i}`));

/**
 * The anchoring job sizes its revoke chunks from these bounds and sends them with exactly
 * `revokeGasLimit(n)` gas, without estimating: if the contract ever costs more per key, this fails
 * before a chunk runs out of gas on chain.
 */
describe("StackLedgerAnchor: revoke gas against the job's bounds", () => {
  it('a chunk of MAX_REVOKE_KEYS fresh keys fits its gas limit, which is at most half the per-transaction cap', async () => {
    const { as, anchorer } = await loadFixture(deployAnchorFixture);
    expect(revokeGasLimit(MAX_REVOKE_KEYS)).to.be.at.most(TX_GAS_CAP / 2);
    const chunk = keys('fresh', MAX_REVOKE_KEYS);
    const receipt = await (await as(anchorer).revoke(chunk, { gasLimit: revokeGasLimit(chunk.length) })).wait();
    expect(receipt!.status).to.equal(1);
    expect(Number(receipt!.gasUsed)).to.be.at.most(revokeGasLimit(chunk.length));
    expect(Number(receipt!.gasUsed) / chunk.length).to.be.at.most(REVOKE_GAS_PER_KEY);
  });

  it('one fresh key fits the base plus one key; keys already revoked cost far less', async () => {
    const { as, anchorer } = await loadFixture(deployAnchorFixture);
    const one = await (await as(anchorer).revoke(keys('one', 1))).wait();
    expect(Number(one!.gasUsed)).to.be.at.most(REVOKE_GAS_BASE + REVOKE_GAS_PER_KEY);
    const chunk = keys('again', 100);
    const first = await (await as(anchorer).revoke(chunk)).wait();
    const again = await (await as(anchorer).revoke(chunk)).wait();
    expect(Number(again!.gasUsed)).to.be.lessThan(Number(first!.gasUsed) / 5);
  });

  it('the chain refuses a transaction above the cap: why one revoke for every pending key stalled anchoring', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const tooMany = keys('too many', 700);
    let error: unknown;
    await as(anchorer)
      .revoke(tooMany, { gasLimit: TX_GAS_CAP + 1 })
      .catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/gas/i);
    expect(await anchor.revokedAt(tooMany[0])).to.equal(0n);
  });
});
