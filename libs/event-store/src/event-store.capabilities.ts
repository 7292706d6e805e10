import type { AppendResult, EventStore, StoredEvent, StreamAppend, StreamCondition } from './event-store.port';

/**
 * What an adapter may offer beyond the port. Each capability is an interface and a value of the
 * same name; a caller asks for one with `capability(store, X)` and falls back (or refuses) when it
 * is absent, never by testing for an adapter's class. An adapter offers a capability by having its
 * members: SQLite offers them all (the shared-file one only for a file), PostgreSQL all but the
 * shared-file one, the in-memory store `MultiStreamAppend` and `MultiStreamRead`, EventStoreDB none.
 */
export interface Capability<C> extends AnyCapability {
  readonly members: readonly (keyof C & string)[];
}

/** Any capability, whatever interface it stands for. */
export interface AnyCapability {
  readonly name: string;
  /** Members an adapter must have, defined, to offer it. */
  readonly members: readonly string[];
}

/**
 * Appends to several streams in ONE atomic transaction: either every stream gets its events or none
 * does. Each stream is checked exactly as by `append` (expected revision, idempotent replay), and
 * results come back in the order of `appends`. A stream may appear only once; an id only once in
 * the whole call. Engines that cannot commit several streams atomically (EventStoreDB) do not offer it.
 * `conditions` name streams the call reads but does not write, each at the revision it must still
 * be at when the call commits (checked in the same transaction, before anything is stored).
 */
export interface MultiStreamAppend {
  appendMany(appends: readonly StreamAppend[], conditions?: readonly StreamCondition[]): Promise<AppendResult[]>;
}
export const MultiStreamAppend: Capability<MultiStreamAppend> = { name: 'MultiStreamAppend', members: ['appendMany'] };

/**
 * Several streams read at once: each named stream maps, in the order given, to what `readStream`
 * gives for it (an empty array when it does not exist). A bulk issuance decides against 1,000
 * learner streams; one read each cost more than deciding.
 */
export interface MultiStreamRead {
  readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>>;
}
export const MultiStreamRead: Capability<MultiStreamRead> = { name: 'MultiStreamRead', members: ['readStreams'] };

/**
 * The Merkle leaves of events `fromSeq..toSeq` as stored at append, 32 bytes each, concatenated in
 * seq order: anchoring and proofs read these instead of hashing every event again. Without it,
 * callers compute the leaves from `readAll`.
 * Preconditions: 1 <= fromSeq <= toSeq <= headSeq().
 */
export interface LeafReader {
  readLeaves(fromSeq: number, toSeq: number): Promise<Uint8Array>;
}
export const LeafReader: Capability<LeafReader> = { name: 'LeafReader', members: ['readLeaves'] };

/**
 * The events of the given types with `fromSeq <= seq <= toSeq`, in seq order, without reading the
 * others (e.g. the revocations of a batch). Without it, callers page through `readAll`.
 */
export interface TypedReader {
  readOfTypes(fromSeq: number, toSeq: number, types: readonly string[]): Promise<StoredEvent[]>;
}
export const TypedReader: Capability<TypedReader> = { name: 'TypedReader', members: ['readOfTypes'] };

/**
 * The store is a SQLite ledger file that other threads and processes can open by its path
 * (`SqliteEventStore.openForReading`, `LedgerFile.openReadOnly`): the projector's own thread and the
 * audit's two threads read it so. A private in-memory database does not offer it.
 */
export interface SqliteLedgerFile {
  readonly ledgerFile: string;
  /** Calls `listener` after each append that stored events (to tell another thread); returns the unwatch. */
  watchAppends(listener: () => void): () => void;
}
export const SqliteLedgerFile: Capability<SqliteLedgerFile> = { name: 'SqliteLedgerFile', members: ['ledgerFile', 'watchAppends'] };

/** Every capability, for suites and diagnostics that list what a store offers. */
export const CAPABILITIES: readonly AnyCapability[] = [MultiStreamAppend, MultiStreamRead, LeafReader, TypedReader, SqliteLedgerFile];

/** True when `store` offers `wanted`. */
export function hasCapability<C>(store: EventStore, wanted: Capability<C> | AnyCapability): store is EventStore & C {
  const members = store as unknown as Record<string, unknown>;
  return wanted.members.every((member) => members[member] !== undefined && members[member] !== null);
}

/** `store` seen as offering `wanted`, or undefined when it does not. */
export function capability<C>(store: EventStore, wanted: Capability<C>): (EventStore & C) | undefined {
  return hasCapability(store, wanted) ? store : undefined;
}

/** The names of the capabilities `store` offers. */
export function capabilitiesOf(store: EventStore): string[] {
  return CAPABILITIES.filter((wanted) => hasCapability(store, wanted)).map((wanted) => wanted.name);
}
