import { expect } from 'chai';
import { ethers } from 'hardhat';
import { loadFixture, time } from '@nomicfoundation/hardhat-network-helpers';
import { loadAnchorArtifact } from '../../deploy/001_deploy_anchor';
import { deployAnchorFixture } from './anchor.fixture';

const THREE_DAYS = 3 * 24 * 3600;

/** The admin role under OpenZeppelin's AccessControlDefaultAdminRules: one admin, handed over in two steps three days apart. */
describe('StackLedgerAnchor: the admin role (AccessControlDefaultAdminRules)', () => {
  it('starts with the authority as the one admin and a three-day transfer delay', async () => {
    const { anchor, admin } = await loadFixture(deployAnchorFixture);
    expect(await anchor.defaultAdmin()).to.equal(admin.address);
    expect(await anchor.ADMIN_TRANSFER_DELAY()).to.equal(BigInt(THREE_DAYS));
    expect(await anchor.defaultAdminDelay()).to.equal(BigInt(THREE_DAYS));
    expect(await anchor.pendingDefaultAdmin()).to.deep.equal([ethers.ZeroAddress, 0n]);
  });

  it('hands the admin role over in two steps: begin, wait the delay, accept', async () => {
    const { anchor, as, admin, other, anchorer, ANCHORER_ROLE, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    const begin = await as(admin).beginDefaultAdminTransfer(other.address);
    const schedule = BigInt((await ethers.provider.getBlock((await begin.wait())!.blockNumber))!.timestamp + THREE_DAYS);
    await expect(begin).to.emit(anchor, 'DefaultAdminTransferScheduled').withArgs(other.address, schedule);
    expect(await anchor.pendingDefaultAdmin()).to.deep.equal([other.address, schedule]);

    // Too early: the old admin stays in charge while the delay runs.
    await expect(as(other).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(anchor, 'AccessControlEnforcedDefaultAdminDelay')
      .withArgs(schedule);
    await time.increaseTo(schedule - 1n);
    await expect(as(other).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(anchor, 'AccessControlEnforcedDefaultAdminDelay')
      .withArgs(schedule);
    expect(await anchor.defaultAdmin()).to.equal(admin.address);

    await time.increaseTo(schedule + 1n);
    await expect(as(anchorer).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(anchor, 'AccessControlInvalidDefaultAdmin')
      .withArgs(anchorer.address);
    const accept = as(other).acceptDefaultAdminTransfer();
    await expect(accept).to.emit(anchor, 'RoleRevoked').withArgs(DEFAULT_ADMIN_ROLE, admin.address, other.address);
    await expect(accept).to.emit(anchor, 'RoleGranted').withArgs(DEFAULT_ADMIN_ROLE, other.address, other.address);
    expect(await anchor.defaultAdmin()).to.equal(other.address);

    await expect(as(admin).revokeRole(ANCHORER_ROLE, anchorer.address))
      .to.be.revertedWithCustomError(anchor, 'AccessControlUnauthorizedAccount')
      .withArgs(admin.address, DEFAULT_ADMIN_ROLE);
    await expect(as(other).revokeRole(ANCHORER_ROLE, anchorer.address))
      .to.emit(anchor, 'RoleRevoked')
      .withArgs(ANCHORER_ROLE, anchorer.address, other.address);
  });

  it('lets the admin cancel a transfer it did not mean, and only the admin begin one', async () => {
    const { anchor, as, admin, other, anchorer, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    await expect(as(anchorer).beginDefaultAdminTransfer(anchorer.address))
      .to.be.revertedWithCustomError(anchor, 'AccessControlUnauthorizedAccount')
      .withArgs(anchorer.address, DEFAULT_ADMIN_ROLE);
    await as(admin).beginDefaultAdminTransfer(other.address);
    await expect(as(admin).cancelDefaultAdminTransfer()).to.emit(anchor, 'DefaultAdminTransferCanceled');
    await time.increase(THREE_DAYS + 1);
    await expect(as(other).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(anchor, 'AccessControlInvalidDefaultAdmin')
      .withArgs(other.address);
    expect(await anchor.defaultAdmin()).to.equal(admin.address);
  });

  it('refuses to grant or revoke the admin role directly, even from the admin', async () => {
    const { anchor, as, admin, other, DEFAULT_ADMIN_ROLE } = await loadFixture(deployAnchorFixture);
    await expect(as(admin).grantRole(DEFAULT_ADMIN_ROLE, other.address)).to.be.revertedWithCustomError(
      anchor,
      'AccessControlEnforcedDefaultAdminRules',
    );
    await expect(as(admin).revokeRole(DEFAULT_ADMIN_ROLE, admin.address)).to.be.revertedWithCustomError(
      anchor,
      'AccessControlEnforcedDefaultAdminRules',
    );
  });

  it('refuses a zero admin at deployment', async () => {
    const [deployer, , anchorer] = await ethers.getSigners();
    const { abi, bytecode } = loadAnchorArtifact();
    const factory = new ethers.ContractFactory(abi, bytecode, deployer);
    await expect(factory.deploy(ethers.ZeroAddress, anchorer.address))
      .to.be.revertedWithCustomError(factory, 'AccessControlInvalidDefaultAdmin')
      .withArgs(ethers.ZeroAddress);
  });
});
