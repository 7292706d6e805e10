import { expect } from 'chai';
import { loadFixture } from '@nomicfoundation/hardhat-network-helpers';
import { deployAnchorFixture, root } from './anchor.fixture';

/** The AccessControl revert paths anchor-roles.test.ts leaves out: revoking and renouncing for others. */
describe('StackLedgerAnchor: role revert paths', () => {
  it('refuses revokeRole from the anchorer and from an outsider', async () => {
    const { as, admin, anchorer, other, newAnchorer, ANCHORER_ROLE, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    await as(admin).grantRole(ANCHORER_ROLE, newAnchorer.address);
    for (const caller of [anchorer, other]) {
      await expect(as(caller).revokeRole(ANCHORER_ROLE, newAnchorer.address))
        .to.be.revertedWithCustomError(as(caller), 'AccessControlUnauthorizedAccount')
        .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      // The admin role only moves by a delayed two-step transfer (anchor-admin-rules.test.ts).
      await expect(as(caller).revokeRole(DEFAULT_ADMIN_ROLE, admin.address)).to.be.revertedWithCustomError(
        as(caller),
        'AccessControlEnforcedDefaultAdminRules',
      );
    }
    expect(await as(admin).hasRole(ANCHORER_ROLE, newAnchorer.address)).to.equal(true);
  });

  it("refuses renouncing someone else's role (AccessControlBadConfirmation), and the admin role without a scheduled, delayed renouncement", async () => {
    const { as, admin, anchorer, ANCHORER_ROLE, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    await expect(as(admin).renounceRole(ANCHORER_ROLE, anchorer.address)).to.be.revertedWithCustomError(
      as(admin),
      'AccessControlBadConfirmation',
    );
    for (const caller of [anchorer, admin]) {
      await expect(as(caller).renounceRole(DEFAULT_ADMIN_ROLE, admin.address))
        .to.be.revertedWithCustomError(as(caller), 'AccessControlEnforcedDefaultAdminDelay')
        .withArgs(0);
    }
    expect(await as(admin).defaultAdmin()).to.equal(admin.address);
  });

  it('after a rotation the old key can neither anchor nor revoke, and batches stay contiguous across keys', async () => {
    const { as, admin, anchorer, newAnchorer, ANCHORER_ROLE } = await loadFixture(deployAnchorFixture);
    await as(anchorer).anchor(root(1), 1, 3);
    await as(admin).grantRole(ANCHORER_ROLE, newAnchorer.address);
    await as(admin).revokeRole(ANCHORER_ROLE, anchorer.address);
    await expect(as(anchorer).revoke([root(9)]))
      .to.be.revertedWithCustomError(as(anchorer), 'AccessControlUnauthorizedAccount')
      .withArgs(anchorer.address, ANCHORER_ROLE);
    await expect(as(newAnchorer).anchor(root(2), 4, 6))
      .to.emit(as(newAnchorer), 'BatchAnchored')
      .withArgs(1, root(2), 4, 6);
    expect(await as(admin).batchCount()).to.equal(2n);
  });
});
