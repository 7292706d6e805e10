import { ANCHOR_STREAM, AnchorCommand, anchorDecider, AnchorState } from '@stackledger/domain';
import { EventStore } from '@stackledger/event-store';
import { isApplicationError } from '../errors/application-error';
import { CommandRunner } from '../shared/command-runner/command-runner';
import { StreamState } from '../shared/command-runner/stream-command';
import { AnchorChain } from './anchor-chain.port';

/** The `anchor` stream's record of the configured contract, as a run holds it: the state and the revision it was read at. */
export type AnchorRecord = StreamState<AnchorState>;

/**
 * The `anchor` stream as the anchoring job's parts see it: folded by the anchor decider for the
 * configured contract, and changed only by asking that decider, through the command runner, at the
 * revision the caller holds. A record another instance wrote in between makes the step fail with
 * STREAM.CONCURRENCY_CONFLICT (`isAnchorConflict`): the stream's optimistic concurrency is the lock.
 */
export class AnchorLog {
  private readonly runner: CommandRunner;

  constructor(
    store: EventStore,
    private readonly chain: AnchorChain,
    private readonly instanceId: string,
    private readonly now: () => Date,
  ) {
    this.runner = new CommandRunner(store);
  }

  read(): Promise<AnchorRecord> {
    return this.runner.read(ANCHOR_STREAM, anchorDecider(this.chain.location()));
  }

  /** Decides `command` against `record` and appends what it decided at `record.revision`; returns the record after it. */
  async decide(record: AnchorRecord, command: AnchorCommand): Promise<AnchorRecord> {
    const context = { actor: `anchorer:${this.instanceId}`, recordedAt: this.now().toISOString() };
    const { state, revision } = await this.runner.decideAt(
      record,
      { stream: ANCHOR_STREAM, decider: anchorDecider(this.chain.location()), command },
      context,
    );
    return { state, revision };
  }
}

/** Another instance wrote to the `anchor` stream after the record a step decided on. */
export const isAnchorConflict = (error: unknown): boolean => isApplicationError(error, 'STREAM.CONCURRENCY_CONFLICT');
