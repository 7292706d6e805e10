import type { Decider, DomainEvent } from '@stackledger/domain';
import type { EventMetadata, StoredEvent } from '@stackledger/event-store';

/** One command for one stream, decided by that stream's decider. */
export interface StreamCommand<C, E extends DomainEvent, S> {
  stream: string;
  decider: Decider<C, E, S>;
  /** Checked against the decider's commands, never widened to fit them. */
  command: NoInfer<C>;
}

/** A stream a write reads and decides by but does not write (see `CommandRunner.runGuarded`). */
export interface Guard<C, E extends DomainEvent, S> {
  stream: string;
  decider: Decider<C, E, S>;
}

/** A command for any stream: what a write naming several streams holds (see `streamCommand`). */
export type AnyStreamCommand = StreamCommand<unknown, DomainEvent, unknown>;

/** Builds a `StreamCommand`, checking the command against its decider before it joins a list of any stream's commands. */
export function streamCommand<C, E extends DomainEvent, S>(
  stream: string,
  decider: Decider<C, E, S>,
  command: NoInfer<C>,
): StreamCommand<C, E, S> {
  return { stream, decider, command };
}

/** `no-stream`, or the revision (0-based) of the stream's last event. */
export type Revision = number | 'no-stream';

/** A stream folded by its decider, and the revision it was folded at. */
export interface StreamState<S> {
  state: S;
  revision: Revision;
}

/** Who writes, when, and how a retried request is recognised: the same for every event of one write. */
export interface CommandContext {
  actor: string;
  /** Every event's recordedAt. */
  recordedAt: string;
  /** With it, event ids are deterministic, so the same request stores nothing twice. */
  idempotencyKey?: string;
  /** Digest of the request; the same key with another request is refused. */
  requestHash?: string;
  correlationId?: string;
  /** Kept in every event's metadata, out of its hashed data: an issuer's new key hash. */
  apiKeyHash?: EventMetadata['apiKeyHash'];
}

export interface CommandOutcome {
  /** The stored events, in the order the commands decided them. */
  events: StoredEvent[];
  /** True when an earlier request with the same idempotency key already stored these events. */
  replayed: boolean;
}

export interface RunOptions {
  /**
   * Wraps the decision of the command at `index`, e.g. to name the request item a refusal is about
   * (`items[17].credits`).
   */
  atCommand?<T>(index: number, decide: () => T): T;
  /**
   * The write promises all or nothing across streams whatever the number it names this time (bulk
   * issuance): refused up front on a store without atomic multi-stream appends, even for one stream.
   */
  atomicAcrossStreams?: boolean;
}
