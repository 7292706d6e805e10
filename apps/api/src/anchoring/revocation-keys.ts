import { EventStore, StoredEvent } from '@stackledger/event-store';
import { credentialKey } from '@stackledger/merkle';

/**
 * The credentialKeys of every revocation in `events`, computed from the credential document as
 * issued, read from the learner's stream (not a read model, which may lag).
 */
export async function revocationKeys(store: EventStore, events: readonly StoredEvent[]): Promise<string[]> {
  const keys: string[] = [];
  for (const event of events) {
    if (event.type !== 'CredentialRevoked') continue;
    const { credentialId } = event.data as { credentialId: string };
    const issued = (await store.readStream(event.stream)).find(
      (e) => (e.data as { credential?: { id?: string } }).credential?.id === credentialId,
    );
    if (!issued) throw new Error(`revoked credential ${credentialId} has no issuing event in ${event.stream}`);
    keys.push(credentialKey((issued.data as { credential: Record<string, unknown> }).credential));
  }
  return keys;
}
