import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { keyHash, type JsonObject } from '@stackledger/data-integrity';
import { SqliteEventStore, type StoredEvent } from '@stackledger/event-store';
import { eventLeaf, initMerkle, MerkleTree } from '@stackledger/merkle';
import type { AnchoredBatch } from '@stackledger/projections';
import { ANCHOR_STREAM } from '@stackledger/domain';
import { AnchoringJob } from '../../apps/api/src/anchoring/anchoring.job';
import { EthersAnchorChain } from '../../apps/api/src/anchoring/ethers-anchor-chain.adapter';
import { keyRegistrationData, type IssuerKit, type RegistrationOptions } from '../../libs/verifier/src/testing/signed-bundle.fixtures';
import { deployTestAnchor, type TestAnchor } from './test-chain';

/**
 * A real ledger for signed-credential tests: events appended to a real SQLite file
 * (`SqliteEventStore`), anchored by the API's own `AnchoringJob` on a fresh StackLedgerAnchor on
 * jest's Hardhat chain, and `stackledger-proof/1` / `/2` bundles built from what the store and the
 * `anchor` stream hold, as the proof endpoint builds them. Key revocations go on chain through the
 * contract's `revoke`, as the anchoring run pushes a revoked key's `keyHash`.
 */
export class SignedLedger {
  private constructor(
    readonly store: SqliteEventStore,
    readonly chain: EthersAnchorChain,
    readonly deployed: TestAnchor,
    private readonly job: AnchoringJob,
  ) {}

  static async open(dir: string): Promise<SignedLedger> {
    await initMerkle();
    const deployed = await deployTestAnchor();
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const chain = await EthersAnchorChain.connect({
      rpcUrl: deployed.rpcUrl,
      contract: deployed.record.address,
      privateKey: deployed.anchorerKey,
      deploymentBlock: deployed.record.blockNumber,
    });
    const job = new AnchoringJob(store, chain, { instanceId: 'signed-ledger', claimTtlMs: 60_000, now: () => new Date() });
    return new SignedLedger(store, chain, deployed, job);
  }

  get contract(): string {
    return this.deployed.record.address;
  }

  get rpcUrl(): string {
    return this.deployed.rpcUrl;
  }

  private async append(stream: string, type: string, data: JsonObject): Promise<StoredEvent> {
    const recordedAt = new Date().toISOString();
    const { events } = await this.store.append(
      stream,
      [{ id: randomUUID(), type, data, metadata: { actor: 'signed-ledger-fixture' }, recordedAt }],
      'any',
    );
    return events[0];
  }

  async registerIssuer(kit: IssuerKit): Promise<number> {
    const data = {
      issuerId: kit.issuerId,
      name: kit.name,
      country: 'IN',
      accreditationCode: 'UGC-0001',
      contactEmail: `registrar@${kit.domain}`,
      domain: kit.domain,
      registeredAt: new Date().toISOString(),
    };
    return (await this.append(`issuer-${kit.issuerId}`, 'IssuerRegistered.v2', data)).seq;
  }

  /** `IssuerKeyRegistered`, registered now, its proof of possession made now (unless options say otherwise). */
  async registerKey(kit: IssuerKit, options: RegistrationOptions = {}): Promise<number> {
    const registeredAt = options.registeredAt ?? new Date().toISOString();
    return (await this.append(`issuer-${kit.issuerId}`, 'IssuerKeyRegistered', keyRegistrationData(kit, { ...options, registeredAt }))).seq;
  }

  /** `CredentialIssued {credential}` in the learner's stream, the document exactly as given. */
  async issue(credential: JsonObject): Promise<number> {
    return (await this.append(`learner-${String(credential.learnerId)}`, 'CredentialIssued', { credential })).seq;
  }

  /** One anchoring run of the API's job: everything pending becomes the next batch. */
  async anchor(): Promise<AnchoredBatch> {
    const run = await this.job.run();
    if (run.outcome !== 'anchored') throw new Error(`anchoring run: ${run.outcome}`);
    return run.batch;
  }

  /** `revoke([keyHash])` on chain; resolves to the block time recorded (seconds). */
  async revokeKey(keyId: string): Promise<number> {
    const hash = keyHash(keyId);
    await (await this.chain.sendRevoke([hash])).wait();
    return this.chain.revokedAt(hash);
  }

  /** Block time of batch `index` on chain (seconds). */
  async anchoredAt(index: number): Promise<number> {
    return Number((await this.chain.batch(index)).anchoredAt);
  }

  private async proofOf(seq: number) {
    const batches = (await this.store.readStream(ANCHOR_STREAM))
      .filter((e) => e.type === 'BatchAnchored')
      .map((e) => e.data as unknown as AnchoredBatch);
    const batch = batches.find((b) => b.fromSeq <= seq && seq <= b.toSeq);
    if (!batch) throw new Error(`seq ${seq} is not anchored yet`);
    const events = await this.store.readAll(batch.fromSeq, batch.toSeq - batch.fromSeq + 1);
    const tree = MerkleTree.fromLeaves(events.map((e) => eventLeaf(e)));
    if (tree.root !== batch.root.toLowerCase())
      throw new Error(`batch ${batch.index}: the log gives root ${tree.root}, the record ${batch.root}`);
    const i = seq - batch.fromSeq;
    const { id, stream, type, data, recordedAt } = events[i];
    return {
      event: { seq, id, stream, type, data, recordedAt },
      merkle: {
        leaf: tree.leaf(i),
        path: tree.proof(i),
        batch: { index: batch.index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq },
      },
      anchor: { chainId: batch.chainId, contract: batch.contract, txHash: batch.txHash, blockNumber: batch.blockNumber },
    };
  }

  /**
   * The bundle of the credential issued at `seq`: `/2` with the registration at `keySeq` as its
   * `issuerKey` when given, else `/2` without a key, or `/1` when `format` says so.
   */
  async bundle(
    seq: number,
    keySeq?: number,
    format: 'stackledger-proof/1' | 'stackledger-proof/2' = 'stackledger-proof/2',
  ): Promise<JsonObject> {
    const proof = await this.proofOf(seq);
    const credential = (proof.event.data as { credential: JsonObject }).credential;
    const bundle: JsonObject = { format, credential, ...proof };
    if (keySeq !== undefined) bundle.issuerKey = await this.proofOf(keySeq);
    return JSON.parse(JSON.stringify(bundle));
  }

  async close(): Promise<void> {
    await this.chain.close();
    await this.store.close();
  }
}
