import { IssueCredential, learnerDecider, LearnerEvent, learnerStream } from '@stackledger/domain';
import { capability, deterministicEventId, EventStore, MultiStreamRead, NewEvent, StoredEvent, StreamAppend, timeOrderedEventId } from '@stackledger/event-store';
import { idempotencyKeyReused } from '../../shared/handle-command';
import { atItem } from './issue-credentials-batch.dto';

export interface BatchContext {
  actor: string;
  recordedAt: string;
  idempotencyKey?: string;
  requestHash?: string;
}

/** What a batch decides: one append per learner stream, or the stored events of an earlier identical request. */
export type BatchDecision = { kind: 'append'; appends: StreamAppend[] } | { kind: 'replay'; events: StoredEvent[] };

/**
 * Decides every item against its learner's current state (items for one learner see each other's
 * credentials, in request order), reading each learner stream once. Any refusal throws, labelled
 * with the item's position, and nothing is appended: the batch is all or nothing.
 */
export async function decideBatch(store: EventStore, commands: IssueCredential[], context: BatchContext): Promise<BatchDecision> {
  const streams = [...new Set(commands.map((c) => learnerStream(c.data.input.learnerId)))];
  const many = capability(store, MultiStreamRead);
  const histories = many
    ? await many.readStreams(streams)
    : new Map(await Promise.all(streams.map(async (s) => [s, await store.readStream(s)] as const)));
  const replay = findReplay(commands, histories, context);
  if (replay) return { kind: 'replay', events: replay };

  const states = new Map([...histories].map(([s, h]) => [s, h.reduce((st, e) => learnerDecider.evolve(st, e as unknown as LearnerEvent), learnerDecider.initialState())]));
  const decided = new Map<string, NewEvent[]>(streams.map((s) => [s, []]));
  const itemsLeft = new Map<string, number>();
  for (const command of commands) {
    const stream = learnerStream(command.data.input.learnerId);
    itemsLeft.set(stream, (itemsLeft.get(stream) ?? 0) + 1);
  }
  commands.forEach((command, index) => {
    const stream = learnerStream(command.data.input.learnerId);
    const events = atItem(index, () => learnerDecider.decide(command, states.get(stream)!));
    const left = itemsLeft.get(stream)! - 1;
    itemsLeft.set(stream, left);
    // Only a later item for the same learner reads the evolved state: most batches name each learner once.
    if (left > 0) states.set(stream, events.reduce((st, e) => learnerDecider.evolve(st, e), states.get(stream)!));
    decided.get(stream)!.push(...events.map((e) => toNewEvent(e, index, context)));
  });
  const appends = streams.map((stream) => {
    const history = histories.get(stream)!;
    return { stream, events: decided.get(stream)!, expected: history.length === 0 ? ('no-stream' as const) : history[history.length - 1].revision };
  });
  return { kind: 'append', appends };
}

function toNewEvent(event: LearnerEvent, index: number, context: BatchContext): NewEvent {
  const { actor, idempotencyKey, requestHash, recordedAt } = context;
  const metadata: NewEvent['metadata'] = { actor };
  if (idempotencyKey) metadata.idempotencyKey = idempotencyKey;
  if (requestHash) metadata.requestHash = requestHash;
  return {
    id: idempotencyKey ? deterministicEventId(actor, idempotencyKey, index) : timeOrderedEventId(),
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    recordedAt,
    metadata,
  };
}

/** With an Idempotency-Key already used: the stored events (same body) or 409 (another body). */
function findReplay(commands: IssueCredential[], histories: Map<string, StoredEvent[]>, context: BatchContext): StoredEvent[] | undefined {
  const { actor, idempotencyKey } = context;
  if (!idempotencyKey) return undefined;
  const stored = commands.map((c, index) => {
    const id = deterministicEventId(actor, idempotencyKey, index);
    return histories.get(learnerStream(c.data.input.learnerId))!.find((e) => e.id === id);
  });
  if (stored.every((e) => e === undefined)) return undefined;
  if (stored.some((e) => e === undefined || e.metadata.requestHash !== context.requestHash)) throw idempotencyKeyReused();
  return stored as StoredEvent[];
}
