import { NotImplementedException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCredential, issuerDecider, issuerStream } from '@stackledger/domain';
import { capability, DuplicateEventIdError, EventStore, MultiStreamAppend, StoredEvent, WrongExpectedRevisionError } from '@stackledger/event-store';
import { CredentialView, credentialViewProjection } from '@stackledger/projections';
import { actorOf } from '../../auth/principal';
import { ApplicationError } from '../../errors/application-error';
import { LedgerReads } from '../../shared/ledger-reads';
import { requestHash } from '../../shared/request-hash';
import { idempotencyKeyReused, mapStoreError } from '../../shared/handle-command';
import { checkIdempotencyKey, WriteSupport } from '../../shared/write-support';
import { CredentialDto, toCredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialsBatchCommand } from './issue-credentials-batch.command';
import { BatchContext, decideBatch } from './learner-batch';

const MAX_ATTEMPTS = 20;

/**
 * Bulk issuance, all or nothing across learner streams: every item is decided against its learner's
 * state, then ONE multi-stream atomic append (`MultiStreamAppend`) writes them with each stream's expected
 * revision; a concurrent write to any of those learners makes the whole batch start over.
 * Stores without atomic multi-stream appends (EventStoreDB) answer 501: issue one by one there.
 */
@CommandHandler(IssueCredentialsBatchCommand)
export class IssueCredentialsBatchHandler implements ICommandHandler<IssueCredentialsBatchCommand, { credentials: CredentialDto[] }> {
  constructor(
    private readonly writes: WriteSupport,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ items, principal, rawBody, idempotencyKey }: IssueCredentialsBatchCommand): Promise<{ credentials: CredentialDto[] }> {
    const store = capability(this.writes.store, MultiStreamAppend);
    if (!store) throw new NotImplementedException('bulk issuance needs an event store with atomic multi-stream appends (SQLite); on EventStoreDB issue credentials one by one');
    checkIdempotencyKey(idempotencyKey);
    const at = this.writes.now();
    const context: BatchContext = {
      actor: actorOf(principal),
      recordedAt: at,
      idempotencyKey,
      requestHash: idempotencyKey === undefined ? undefined : requestHash('issue-credentials-batch', rawBody),
    };
    const issuer = await this.writes.stateOf(issuerStream(principal.issuerId), issuerDecider);
    const commands: IssueCredential[] = items.map((input) => ({
      type: 'IssueCredential',
      data: { credentialId: this.writes.ids.uuid(), salt: this.writes.ids.salt(), issuedAt: at, issuer: { issuerId: principal.issuerId, status: issuer.status }, input },
    }));
    const { events, fresh } = await this.decideAndAppend(store, commands, context);
    await this.writes.settled([events.reduce((a, b) => (a.seq >= b.seq ? a : b))]);
    const now = new Date(at);
    // A fresh credential's view is its issuing event folded once, exactly what the read model now
    // holds; a replayed request reports the credentials as they are today.
    const viewOf = (event: StoredEvent) => (fresh ? issuedView(event) : this.reads.credential(credentialIdOf(event)));
    return { credentials: events.map((event) => toCredentialDto(viewOf(event), now)) };
  }

  /** Retries the whole batch on a concurrent write to any of its learners. Returns the events in item order. */
  private async decideAndAppend(store: EventStore & MultiStreamAppend, commands: IssueCredential[], context: BatchContext): Promise<{ events: StoredEvent[]; fresh: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const decision = await decideBatch(store, commands, context);
      if (decision.kind === 'replay') return { events: decision.events, fresh: false };
      try {
        const results = await store.appendMany(decision.appends);
        // Streams were appended one after the other: put the events back in item order.
        const byCredential = new Map(results.flatMap((r) => r.events).map((e) => [credentialIdOf(e), e]));
        return { events: commands.map((c) => byCredential.get(c.data.credentialId)!), fresh: true };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof DuplicateEventIdError) throw idempotencyKeyReused();
        if (error instanceof WrongExpectedRevisionError) throw new ApplicationError('STREAM.CONCURRENCY_CONFLICT', 'the learners changed concurrently too many times; retry');
        throw mapStoreError(error);
      }
    }
  }
}

const credentialIdOf = (event: StoredEvent): string => (event.data as { credential: { id: string } }).credential.id;

const issuedView = (event: StoredEvent): CredentialView => credentialViewProjection.evolve(null, event)!;
