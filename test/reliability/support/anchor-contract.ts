import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { TestAnchor } from '../../support/test-chain';

const ABI = [
  'function batchCount() view returns (uint256)',
  'function batch(uint256 index) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'function ANCHORER_ROLE() view returns (bytes32)',
  'function grantRole(bytes32 role, address account)',
  'function revokeRole(bytes32 role, address account)',
];

/** Direct view of the deployed contract (and its admin), to check the chain's state against the API's. */
export class AnchorContract {
  private readonly provider: JsonRpcProvider;
  private readonly contract: Contract;

  constructor(private readonly deployed: TestAnchor) {
    this.provider = new JsonRpcProvider(deployed.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 100 });
    this.contract = new Contract(deployed.record.address, ABI, this.provider);
  }

  async batches(): Promise<{ index: number; root: string; fromSeq: number; toSeq: number }[]> {
    const count = Number(await this.contract.batchCount());
    const out = [];
    for (let index = 0; index < count; index++) {
      const [root, fromSeq, toSeq] = await this.contract.batch(index);
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
