// Run by bench/gas.bench.ts as `hardhat run bench/gas/anchor-gas.ts` (Hardhat's in-process chain).
import { ethers } from 'hardhat';
import type { Contract } from 'ethers';
import { deployAnchor } from '../../deploy/001_deploy_anchor';

/** Gas of a steady-state anchor (the batch after the first) for ranges of 1, 1 k and 100 k events. */
async function main(): Promise<void> {
  for (const size of [1, 1_000, 100_000]) {
    const [deployer, admin, anchorer] = await ethers.getSigners();
    const record = await deployAnchor({ signer: deployer, admin: admin.address, anchorer: anchorer.address });
    const anchor = (await ethers.getContractAt('StackLedgerAnchor', record.address)).connect(anchorer) as unknown as Contract;
    await (await anchor.anchor(ethers.id('first'), 1, 1)).wait();
    const receipt = await (await anchor.anchor(ethers.id(`batch of ${size}`), 2, 1 + size)).wait();
    process.stdout.write(`GAS ${JSON.stringify({ size, gas: Number(receipt.gasUsed) })}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
