import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture, time } from '@nomicfoundation/hardhat-network-helpers';
import { credentialKey, initMerkle } from '@stackledger/merkle';
import { deployAnchorFixture } from './anchor.fixture';

const key = (label: string) => ethers.id(`credential:${label}`);

async function blockTime(tx: Promise<{ wait(): Promise<{ blockNumber: number } | null> }>): Promise<bigint> {
  const receipt = await (await tx).wait();
  return BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
}

describe('StackLedgerAnchor: revocation', () => {
  before(() => initMerkle());

  it('reports 0 for a key never revoked', async () => {
    const { anchor } = await loadFixture(deployAnchorFixture);
    expect(await anchor.revokedAt(key('a'))).to.equal(0n);
  });

  it('records the block time once per key and emits CredentialRevoked for each', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const next = (await time.latest()) + 10;
    await time.setNextBlockTimestamp(next);
    const tx = as(anchorer).revoke([key('a'), key('b')]);
    await expect(tx).to.emit(anchor, 'CredentialRevoked').withArgs(key('a'), next);
    await expect(tx).to.emit(anchor, 'CredentialRevoked').withArgs(key('b'), next);
    expect(await anchor.revokedAt(key('a'))).to.equal(BigInt(next));
    expect(await anchor.revokedAt(key('b'))).to.equal(BigInt(next));
  });

  it('is idempotent: a revoked key keeps its first time and emits nothing again', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const first = await blockTime(as(anchorer).revoke([key('a')]));
    await time.increase(1000);
    const tx = as(anchorer).revoke([key('a'), key('c')]);
    const second = await blockTime(tx);
    const logs = (await (await tx).wait())!.logs;
    expect(logs).to.have.length(1);
    expect(anchor.interface.parseLog(logs[0])!.args.toArray()).to.deep.equal([key('c'), second]);
    expect(await anchor.revokedAt(key('a'))).to.equal(first);
    expect(await anchor.revokedAt(key('c'))).to.equal(second);
    await expect(as(anchorer).revoke([key('a')])).not.to.emit(anchor, 'CredentialRevoked');
  });

  it('emits once for a key repeated in the same call', async () => {
    const { as, anchorer } = await loadFixture(deployAnchorFixture);
    const receipt = await (await as(anchorer).revoke([key('d'), key('d'), key('d')])).wait();
    expect(receipt!.logs).to.have.length(1);
  });

  it('refuses an empty list and a zero key (atomically: nothing is recorded)', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    await expect(as(anchorer).revoke([])).to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorEmptyRevocation');
    await expect(as(anchorer).revoke([key('e'), ethers.ZeroHash]))
      .to.be.revertedWithCustomError(anchor, 'StackLedgerAnchorZeroCredentialKey')
      .withArgs(1);
    expect(await anchor.revokedAt(key('e'))).to.equal(0n);
  });

  it('revokes by the credentialKey that libs/merkle derives from the document', async () => {
    const { as, anchor, anchorer } = await loadFixture(deployAnchorFixture);
    const doc = { id: 'c-1', learnerId: 'l-1', credits: '4', salt: '0x' + '11'.repeat(32) };
    const k = credentialKey(doc);
    expect(k).to.equal(
      ethers.keccak256(ethers.toUtf8Bytes('{"credits":"4","id":"c-1","learnerId":"l-1","salt":"0x' + '11'.repeat(32) + '"}')),
    );
    const at = await blockTime(as(anchorer).revoke([k]));
    expect(await anchor.revokedAt(k)).to.equal(at);
    expect(await anchor.revokedAt(credentialKey({ ...doc, salt: '0x' + '12'.repeat(32) }))).to.equal(0n);
  });
});
