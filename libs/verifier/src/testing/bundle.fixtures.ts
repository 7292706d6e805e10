import { credentialKey, eventLeaf, initMerkle, MerkleTree } from '@stackledger/merkle';
import { ChainUnavailableError, type AnchoredBatch, type AnchorReader } from '../anchor-reader.port';
import type { ProofBundle } from '../proof-bundle';

/**
 * Test fixtures: ledger events, batches and proof bundles built with libs/merkle exactly as
 * libs/verifier/VERIFYING.md says, and an in-memory {@link AnchorReader}. Not shipped (excluded
 * from the build).
 */

export const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
export const CHAIN_ID = 31337;

export interface LedgerEvent {
  seq: number;
  id: string;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
}

/** A credential document as the domain issues it, `n` varying ids and salt. */
export function credentialDoc(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const hex = (n + 1).toString(16).padStart(2, '0');
  return {
    id: `6f1c2b0e-8d4a-4c1e-9b7f-2a3d5e6f7a${hex}`,
    issuerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    learnerId: `learner-${String(n).padStart(4, '0')}`,
    title: `Data Wrangling with SQL ${n}`,
    skills: ['sql', 'data cleaning'],
    credits: '4.5',
    hours: 135,
    level: 4.5,
    creditBasis: 'ncrf',
    assessment: 'proctored-exam',
    issuedAt: '2026-01-15T10:00:00.000Z',
    validUntil: '2033-01-15T10:00:00.000Z',
    salt: `0x${hex.repeat(32)}`,
    ...overrides,
  };
}

/** `count` events from `firstSeq`: CredentialIssued, with an IssuerRegistered every third seq. */
export function ledgerEvents(firstSeq: number, count: number): LedgerEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = firstSeq + i;
    const at = new Date(Date.UTC(2026, 0, 15, 10, 0, seq)).toISOString();
    const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
    if (seq % 3 === 0) {
      return {
        seq,
        id,
        stream: `issuer-i${seq}`,
        type: 'IssuerRegistered',
        data: { name: `Issuer ${seq}`, country: 'IN' },
        recordedAt: at,
      };
    }
    const credential = credentialDoc(seq);
    return { seq, id, stream: `learner-${credential.learnerId}`, type: 'CredentialIssued', data: { credential }, recordedAt: at };
  });
}

/** A batch of events as anchored: its tree and range. */
export interface BuiltBatch {
  index: number;
  events: LedgerEvent[];
  tree: MerkleTree;
  root: string;
  fromSeq: number;
  toSeq: number;
}

export async function buildBatch(index: number, events: LedgerEvent[]): Promise<BuiltBatch> {
  await initMerkle();
  const tree = MerkleTree.fromLeaves(events.map((e) => eventLeaf(e)));
  return { index, events, tree, root: tree.root, fromSeq: events[0].seq, toSeq: events[events.length - 1].seq };
}

/** The proof bundle of the event at `seq` in `batch`. */
export function bundleOf(
  batch: BuiltBatch,
  seq: number,
  anchor: { chainId?: number; contract?: string; txHash?: string; blockNumber?: number } = {},
): ProofBundle {
  const i = seq - batch.fromSeq;
  const event = batch.events[i];
  if (!event || event.type !== 'CredentialIssued') throw new Error(`seq ${seq} is not a CredentialIssued in the batch`);
  return JSON.parse(
    JSON.stringify({
      format: 'stackledger-proof/1',
      credential: (event.data as { credential: unknown }).credential,
      event,
      merkle: {
        leaf: batch.tree.leaf(i),
        path: batch.tree.proof(i),
        batch: { index: batch.index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq },
      },
      anchor: {
        chainId: anchor.chainId ?? CHAIN_ID,
        contract: anchor.contract ?? CONTRACT,
        txHash: anchor.txHash ?? `0x${'ab'.repeat(32)}`,
        blockNumber: anchor.blockNumber ?? 2,
      },
    }),
  ) as ProofBundle;
}

/** The revocation key of a bundle's credential. */
export function keyOf(bundle: ProofBundle): string {
  return credentialKey(bundle.credential);
}

/**
 * A contract's state in memory. `down` makes every call fail as an unreachable endpoint would;
 * `head` is the newest block it reports, and it refuses reads at later blocks as a node lacking
 * them does (its state is the same at every block it has). `blocksRead` records the block of each read.
 */
export class InMemoryAnchorReader implements AnchorReader {
  readonly batches: AnchoredBatch[] = [];
  readonly revocations = new Map<string, number>();
  down = false;
  calls = 0;
  head = 100n;
  readonly blocksRead: bigint[] = [];

  constructor(
    readonly chain: number = CHAIN_ID,
    readonly contracts: Record<string, string> = { [CONTRACT.toLowerCase()]: '0x6080' },
  ) {}

  anchor(batch: BuiltBatch, anchoredAt = 1_768_471_200): this {
    this.batches[batch.index] = { root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq, anchoredAt };
    return this;
  }

  revoke(key: string, at: number): this {
    this.revocations.set(key.toLowerCase(), at);
    return this;
  }

  private async answer<T>(value: () => T, block?: bigint): Promise<T> {
    this.calls++;
    if (this.down) throw new ChainUnavailableError('connect ECONNREFUSED (in memory)');
    if (block !== undefined) {
      this.blocksRead.push(block);
      if (block > this.head) throw new ChainUnavailableError(`header not found: block ${block} (in memory, head ${this.head})`);
    }
    return value();
  }

  chainId = () => this.answer(() => BigInt(this.chain));
  blockNumber = () => this.answer(() => this.head);
  batchCount = (block: bigint) => this.answer(() => BigInt(this.batches.length), block);
  batch = (index: number, block: bigint) =>
    this.answer(() => {
      const b = this.batches[index];
      if (!b) throw new Error(`StackLedgerAnchorIndexOutOfRange(${index})`);
      return { ...b, fromSeq: BigInt(b.fromSeq), toSeq: BigInt(b.toSeq), anchoredAt: BigInt(b.anchoredAt) };
    }, block);
  revokedAt = (key: string, block: bigint) => this.answer(() => BigInt(this.revocations.get(key.toLowerCase()) ?? 0), block);
  code = (address: string, block: bigint) => this.answer(() => this.contracts[address.toLowerCase()] ?? '0x', block);
}
