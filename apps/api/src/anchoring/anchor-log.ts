import { EventStore, timeOrderedEventId } from '@stackledger/event-store';
import { AnchorChain } from './anchor-chain.port';
import { ANCHOR_STREAM, anchorStreamState, AnchorStreamState } from './anchor-stream';

export interface AnchorRecord {
  type: 'AnchorClaimed' | 'BatchAnchored' | 'BatchOrphaned' | 'RevocationsPushed' | 'RevocationsOrphaned';
  data: object;
}

/** The `anchor` stream as the anchoring job's parts read and write it: folded for the configured contract, appended with an expected revision. */
export class AnchorLog {
  constructor(
    private readonly store: EventStore,
    private readonly chain: AnchorChain,
    private readonly instanceId: string,
    private readonly now: () => Date,
  ) {}

  async read(): Promise<AnchorStreamState> {
    return anchorStreamState(await this.store.readStream(ANCHOR_STREAM), this.chain.location());
  }

  /** Appends the records atomically; throws WrongExpectedRevisionError when another writer came first. Returns the new revision. */
  async append(records: AnchorRecord[], expected: number | 'no-stream'): Promise<number> {
    const recordedAt = this.now().toISOString();
    const events = records.map(({ type, data }) => ({ id: timeOrderedEventId(), type, data: data as Record<string, unknown>, metadata: { actor: `anchorer:${this.instanceId}` }, recordedAt }));
    return (await this.store.append(ANCHOR_STREAM, events, expected)).revision;
  }
}
