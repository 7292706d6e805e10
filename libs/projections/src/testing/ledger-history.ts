import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@stackledger/event-store';

export interface HistoryAppend {
  stream: string;
  events: NewEvent[];
}

const T0 = Date.UTC(2025, 0, 1);

/**
 * A ledger history touching every read model: issuers, a pathway, issuances, then revocations,
 * transfers, awards (which stack earlier credentials) and anchored batches, learners interleaved
 * so that their documents change across any batch boundary. Deterministic for a given `size`.
 */
export function ledgerHistory(size: number, learners = Math.max(3, Math.round(size / 5))): HistoryAppend[] {
  const appends: HistoryAppend[] = [];
  let n = 0;
  const at = () => new Date(T0 + 60_000 * n).toISOString();
  const event = (type: string, data: Record<string, unknown>, apiKeyHash?: string): NewEvent => ({
    id: randomUUID(),
    type,
    data,
    metadata: { actor: 'test', ...(apiKeyHash && { apiKeyHash }) },
    recordedAt: at(),
  });
  const issuers = ['iss-a', 'iss-b'];
  const profile = (issuerId: string) => ({
    issuerId,
    name: issuerId,
    country: 'IN',
    accreditationCode: 'AC',
    contactEmail: `${issuerId}@example.org`,
    registeredAt: at(),
  });
  // Both shapes: iss-a as ledgers before v2 stored it (key hash in data), iss-b with the hash in metadata, then a new key.
  appends.push({ stream: 'issuer-iss-a', events: [event('IssuerRegistered', { ...profile('iss-a'), apiKeyHash: 'hash-iss-a' })] });
  appends.push({ stream: 'issuer-iss-b', events: [event('IssuerRegistered.v2', profile('iss-b'), 'hash-iss-b')] });
  appends.push({ stream: 'issuer-iss-b', events: [event('IssuerApiKeyRotated', { issuerId: 'iss-b', rotatedAt: at() }, 'hash-iss-b-2')] });
  const pathway = {
    pathwayId: 'pw-1',
    version: 1,
    issuerId: 'iss-a',
    title: 'Pathway',
    minCredits: '5',
    minCredentials: 2,
    minLevel: 1,
    requiredSkills: [],
    acceptedIssuers: issuers,
    definedAt: at(),
  };
  appends.push({ stream: 'pathway-pw-1', events: [event('PathwayDefined', pathway)] });
  const held: string[][] = Array.from({ length: learners }, () => []);
  while (appends.length < size) {
    n++;
    const l = (n * 7919) % learners;
    const learnerId = `L-${l}`;
    const stream = `learner-${learnerId}`;
    const mine = held[l];
    const kind = n % 11;
    if (kind === 3 && mine.length > 0) {
      appends.push({
        stream,
        events: [
          event('CredentialRevoked', { credentialId: mine[0], learnerId, issuerId: 'iss-a', reason: 'issued in error', revokedAt: at() }),
        ],
      });
    } else if (kind === 5 && mine.length > 1) {
      appends.push({
        stream,
        events: [
          event('CreditsTransferred', {
            transferId: `tr-${n}`,
            learnerId,
            toIssuerId: 'iss-b',
            programme: 'MSc',
            credentialIds: mine.slice(1, 2),
            transferredAt: at(),
          }),
        ],
      });
    } else if (kind === 7 && mine.length > 2) {
      const id = `q-${n}`;
      const credential = { ...credentialOf(id, learnerId, at()), pathwayId: 'pw-1', pathwayVersion: 1, components: mine.slice(-2) };
      mine.push(id);
      appends.push({ stream, events: [event('QualificationAwarded', { credential })] });
    } else if (kind === 9) {
      appends.push({
        stream: 'anchor',
        events: [
          event('BatchAnchored', {
            index: n,
            root: `0x${n}`,
            fromSeq: 1,
            toSeq: n,
            chainId: 31337,
            contract: '0xABC',
            txHash: `0x${n}`,
            blockNumber: n,
          }),
        ],
      });
    } else {
      const id = `c-${n}`;
      mine.push(id);
      appends.push({ stream, events: [event('CredentialIssued', { credential: credentialOf(id, learnerId, at()) })] });
    }
  }
  return appends;
}

function credentialOf(id: string, learnerId: string, issuedAt: string) {
  return {
    id,
    issuerId: 'iss-a',
    learnerId,
    title: `Course ${id}`,
    skills: ['sql'],
    credits: '2.5',
    hours: 75,
    level: 4,
    issuedAt,
    validUntil: '2031-01-01T00:00:00.000Z',
    salt: '0x00',
  };
}
