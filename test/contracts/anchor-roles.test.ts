import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture } from '@nomicfoundation/hardhat-network-helpers';
import { ANCHOR_ABI } from '@stackledger/chain';
import { deployAnchorFixture, root } from './anchor.fixture';

describe('StackLedgerAnchor: deployment and roles', () => {
  it('grants the admin and anchorer roles from the constructor, and nothing to the deployer', async () => {
    const { anchor, deployer, admin, anchorer, ANCHORER_ROLE, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    expect(ANCHORER_ROLE).to.equal(ethers.id('ANCHORER_ROLE'));
    expect(DEFAULT_ADMIN_ROLE).to.equal(ethers.ZeroHash);
    expect(await anchor.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
    expect(await anchor.hasRole(ANCHORER_ROLE, anchorer.address)).to.equal(true);
    expect(await anchor.hasRole(ANCHORER_ROLE, admin.address)).to.equal(false);
    expect(await anchor.hasRole(DEFAULT_ADMIN_ROLE, anchorer.address)).to.equal(false);
    expect(await anchor.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
    expect(await anchor.getRoleAdmin(ANCHORER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
  });

  it('advertises IStackLedgerAnchor (XOR of its seven selectors), IAccessControlDefaultAdminRules, IAccessControl and ERC-165', async () => {
    const { anchor } = await loadFixture(deployAnchorFixture);
    // The library's ABI holds exactly these seven functions (libs/chain/test/anchor-abi.unit.spec.ts).
    const spec = new ethers.Interface(ANCHOR_ABI);
    let id = 0;
    spec.forEachFunction((f) => (id ^= Number.parseInt(f.selector.slice(2), 16)));
    const interfaceId = ethers.toBeHex(id >>> 0, 4);
    expect(await anchor.supportsInterface(interfaceId)).to.equal(true);
    expect(await anchor.supportsInterface('0x7965db0b')).to.equal(true); // IAccessControl
    expect(await anchor.supportsInterface('0x31498786')).to.equal(true); // IAccessControlDefaultAdminRules
    expect(await anchor.supportsInterface('0x01ffc9a7')).to.equal(true); // IERC165
    expect(await anchor.supportsInterface('0xffffffff')).to.equal(false);
  });

  it('refuses anchor and revoke from an account without ANCHORER_ROLE, the admin included', async () => {
    const { as, admin, other, ANCHORER_ROLE } = await loadFixture(deployAnchorFixture);
    for (const caller of [other, admin]) {
      await expect(as(caller).anchor(root(1), 1, 1))
        .to.be.revertedWithCustomError(as(caller), 'AccessControlUnauthorizedAccount')
        .withArgs(caller.address, ANCHORER_ROLE);
      await expect(as(caller).revoke([root(1)]))
        .to.be.revertedWithCustomError(as(caller), 'AccessControlUnauthorizedAccount')
        .withArgs(caller.address, ANCHORER_ROLE);
    }
  });

  it('refuses role changes from the anchorer', async () => {
    const { as, anchorer, other, ANCHORER_ROLE, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    await expect(as(anchorer).grantRole(ANCHORER_ROLE, other.address))
      .to.be.revertedWithCustomError(as(anchorer), 'AccessControlUnauthorizedAccount')
      .withArgs(anchorer.address, DEFAULT_ADMIN_ROLE);
    // The admin role is never granted directly (AccessControlDefaultAdminRules: only by a delayed transfer).
    await expect(as(anchorer).grantRole(DEFAULT_ADMIN_ROLE, anchorer.address)).to.be.revertedWithCustomError(
      as(anchorer),
      'AccessControlEnforcedDefaultAdminRules',
    );
    await expect(as(anchorer).beginDefaultAdminTransfer(anchorer.address))
      .to.be.revertedWithCustomError(as(anchorer), 'AccessControlUnauthorizedAccount')
      .withArgs(anchorer.address, DEFAULT_ADMIN_ROLE);
  });

  it('lets the admin rotate the anchorer key: grant the new one, revoke the old one', async () => {
    const { as, admin, anchorer, newAnchorer, ANCHORER_ROLE } = await loadFixture(deployAnchorFixture);
    await expect(as(admin).grantRole(ANCHORER_ROLE, newAnchorer.address))
      .to.emit(as(admin), 'RoleGranted')
      .withArgs(ANCHORER_ROLE, newAnchorer.address, admin.address);
    await expect(as(admin).revokeRole(ANCHORER_ROLE, anchorer.address))
      .to.emit(as(admin), 'RoleRevoked')
      .withArgs(ANCHORER_ROLE, anchorer.address, admin.address);

    await expect(as(anchorer).anchor(root(1), 1, 5))
      .to.be.revertedWithCustomError(as(anchorer), 'AccessControlUnauthorizedAccount')
      .withArgs(anchorer.address, ANCHORER_ROLE);
    await expect(as(newAnchorer).anchor(root(1), 1, 5))
      .to.emit(as(newAnchorer), 'BatchAnchored')
      .withArgs(0, root(1), 1, 5);
  });

  it('lets an anchorer give up its own role', async () => {
    const { as, anchorer, ANCHORER_ROLE } = await loadFixture(deployAnchorFixture);
    await as(anchorer).renounceRole(ANCHORER_ROLE, anchorer.address);
    expect(await as(anchorer).hasRole(ANCHORER_ROLE, anchorer.address)).to.equal(false);
  });
});
