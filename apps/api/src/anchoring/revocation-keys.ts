import { capability, EventStore, MultiStreamRead, StoredEvent, TypedReader } from '@stackledger/event-store';
import { keyHash } from '@stackledger/data-integrity';
import { credentialKey } from '@stackledger/merkle';

/**
 * What goes on chain through `revoke`: a revoked credential's credentialKey, and a revoked issuer
 * key's keyHash = keccak256(utf8(keyId)), in the same resumable chunked pushes.
 */
export const REVOCATION_TYPES = ['CredentialRevoked', 'IssuerKeyRevoked'] as const;

/** Events read per page when the store has no type index. */
const PAGE = 5_000;

/**
 * The credentialKeys of every revocation in `events`, in order, computed from the credential
 * document as issued, read from the learner's stream (not a read model, which may lag). Each
 * stream is read once, all of them in one call when the store can (`readStreams`).
 */
export async function revocationKeys(store: EventStore, events: readonly StoredEvent[]): Promise<string[]> {
  const revocations = events.filter((event) => event.type === 'CredentialRevoked' || event.type === 'IssuerKeyRevoked');
  const streams = [...new Set(revocations.filter((event) => event.type === 'CredentialRevoked').map((event) => event.stream))];
  const many = capability(store, MultiStreamRead);
  const read = many
    ? await many.readStreams(streams)
    : new Map(await Promise.all(streams.map(async (s) => [s, await store.readStream(s)] as const)));
  const issued = new Map<string, Record<string, unknown>>();
  for (const stream of read.values()) {
    for (const event of stream) {
      const credential = (event.data as { credential?: Record<string, unknown> }).credential;
      if (typeof credential?.id === 'string' && !issued.has(`${event.stream}\n${credential.id}`))
        issued.set(`${event.stream}\n${credential.id}`, credential);
    }
  }
  return revocations.map((event) => {
    if (event.type === 'IssuerKeyRevoked') return keyHash((event.data as { keyId: string }).keyId);
    const { credentialId } = event.data as { credentialId: string };
    const credential = issued.get(`${event.stream}\n${credentialId}`);
    if (!credential) throw new Error(`revoked credential ${credentialId} has no issuing event in ${event.stream}`);
    return credentialKey(credential);
  });
}

/** The revocations (credentials and issuer keys) with `fromSeq <= seq <= toSeq`, in seq order: by the store's type index when it has one, else by paging through the range. */
export async function revocationsIn(store: EventStore, fromSeq: number, toSeq: number): Promise<StoredEvent[]> {
  if (toSeq < fromSeq) return [];
  const typed = capability(store, TypedReader);
  if (typed) return typed.readOfTypes(fromSeq, toSeq, [...REVOCATION_TYPES]);
  const found: StoredEvent[] = [];
  for (let seq = fromSeq; seq <= toSeq;) {
    const page = await store.readAll(seq, Math.min(PAGE, toSeq - seq + 1));
    if (page.length === 0) break;
    found.push(...page.filter((e) => (REVOCATION_TYPES as readonly string[]).includes(e.type)));
    seq = page[page.length - 1].seq + 1;
  }
  return found;
}
