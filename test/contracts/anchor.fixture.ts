import { ethers } from 'hardhat';
import type { Contract, Signer } from 'ethers';
import { deployAnchor } from '../../deploy/001_deploy_anchor';

/**
 * The deploy script IS the fixture (wighawag style): tests exercise exactly what `deploy/` ships.
 * Wrap it in `loadFixture` so each test starts from the same snapshot.
 */
export async function deployAnchorFixture() {
  const [deployer, admin, anchorer, other, newAnchorer] = await ethers.getSigners();
  const record = await deployAnchor({ signer: deployer, admin: admin.address, anchorer: anchorer.address });
  const anchor = (await ethers.getContractAt('StackLedgerAnchor', record.address)) as unknown as Contract;
  /** The contract as seen by `signer` (ethers' connect() loses the method index signature). */
  const as = (signer: Signer) => anchor.connect(signer) as Contract;
  const ANCHORER_ROLE: string = await anchor.ANCHORER_ROLE();
  const DEFAULT_ADMIN_ROLE: string = await anchor.DEFAULT_ADMIN_ROLE();
  return { anchor, as, record, deployer, admin, anchorer, other, newAnchorer, ANCHORER_ROLE, DEFAULT_ADMIN_ROLE };
}

/** A deterministic non-zero bytes32 for tests. */
export const root = (n: number) => ethers.zeroPadValue(ethers.toBeHex(n + 1), 32);
