import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { JsonRpcAnchorReader } from '@stackledger/chain';
import { loadAnchorArtifact } from '../../../deploy/001_deploy_anchor';
import { TestAnchor } from '../../support/test-chain';

/**
 * Direct view of the deployed contract (through the chain library's reader, at one block) and its
 * admin (through the compiled artifact, whose ABI has the role functions), to check the chain's
 * state against the API's.
 */
export class AnchorContract {
  private readonly provider: JsonRpcProvider;
  private readonly contract: Contract;
  private readonly reader: JsonRpcAnchorReader;

  constructor(private readonly deployed: TestAnchor) {
    this.provider = new JsonRpcProvider(deployed.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 100 });
    this.contract = new Contract(deployed.record.address, loadAnchorArtifact().abi, this.provider);
    this.reader = new JsonRpcAnchorReader(deployed.rpcUrl, deployed.record.address);
  }

  async batches(): Promise<{ index: number; root: string; fromSeq: number; toSeq: number }[]> {
    const block = await this.reader.blockNumber();
    const count = Number(await this.reader.batchCount(block));
    const out = [];
    for (let index = 0; index < count; index++) {
      const { root, fromSeq, toSeq } = await this.reader.batch(index, block);
      out.push({ index, root, fromSeq: Number(fromSeq), toSeq: Number(toSeq) });
    }
    return out;
  }

  /** The admin takes ANCHORER_ROLE from the API's anchorer key (`false`) or gives it back (`true`). */
  async setAnchorerRole(granted: boolean): Promise<void> {
    const admin = new Wallet(this.deployed.adminKey, this.provider);
    const asAdmin = this.contract.connect(admin) as Contract;
    const role = await this.contract.ANCHORER_ROLE();
    const anchorer = new Wallet(this.deployed.anchorerKey).address;
    const tx = granted ? await asAdmin.grantRole(role, anchorer) : await asAdmin.revokeRole(role, anchorer);
    await tx.wait();
  }

  close(): void {
    this.provider.destroy();
  }
}

/** Batches tile 1..n: each starts right after the previous one. */
export function contiguous(batches: { fromSeq: number; toSeq: number }[]): boolean {
  return batches.every((b, i) => b.fromSeq === (i === 0 ? 1 : batches[i - 1].toSeq + 1) && b.toSeq >= b.fromSeq);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
