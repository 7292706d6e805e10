import { parseCredits } from '@stackledger/domain';
import { CredentialIssuedData, CredentialRevokedData, CreditsTransferredData, QualificationAwardedData } from './ledger-events';
import { DocumentProjection, ProjectedEvent } from './projection';
import { StoredCredentialStatus } from './credential-status';

export interface LearnerCredentialEntry {
  issuerId: string;
  title: string;
  /** Integer hundredths. */
  credits: number;
  level: number;
  skills: string[];
  issuedAt: string;
  validUntil: string;
  status: StoredCredentialStatus;
  transferId?: string;
  /** On a stacked component: the qualification it belongs to. */
  qualificationId?: string;
  /** On a stacked qualification: the pathway and its components. */
  qualification?: { pathwayId: string; pathwayVersion: number; components: string[] };
}

export interface LearnerTransferEntry {
  toIssuerId: string;
  programme: string;
  credentialIds: string[];
  transferredAt: string;
}

export interface LearnerView {
  learnerId: string;
  /** In issuance order: JSON objects keep insertion order, which keeps replays byte-identical. */
  credentials: Record<string, LearnerCredentialEntry>;
  transfers: Record<string, LearnerTransferEntry>;
}

export const learnerViewProjection: DocumentProjection<LearnerView> = {
  collection: 'learner',
  keysOf(event) {
    return event.stream.startsWith('learner-') ? [event.stream.slice('learner-'.length)] : [];
  },
  evolve(view, event) {
    const current = view ?? { learnerId: event.stream.slice('learner-'.length), credentials: {}, transfers: {} };
    switch (event.type) {
      case 'CredentialIssued':
        return issued(current, event);
      case 'CredentialRevoked':
        return withStatus(current, [(event.data as unknown as CredentialRevokedData).credentialId], 'revoked');
      case 'CreditsTransferred':
        return transferred(current, event);
      case 'QualificationAwarded':
        return awarded(current, event);
      default:
        return view;
    }
  },
  apply(view, event) {
    const current = view ?? { learnerId: event.stream.slice('learner-'.length), credentials: idMap(), transfers: idMap() };
    switch (event.type) {
      case 'CredentialIssued': {
        const { credential } = event.data as unknown as CredentialIssuedData;
        current.credentials[credential.id] = entryOf(credential);
        return current;
      }
      case 'CredentialRevoked':
        setStatus(current, [(event.data as unknown as CredentialRevokedData).credentialId], 'revoked');
        return current;
      case 'CreditsTransferred':
        return transferInPlace(current, event.data as unknown as CreditsTransferredData);
      case 'QualificationAwarded':
        return awardInPlace(current, (event.data as unknown as QualificationAwardedData).credential);
      default:
        return view;
    }
  },
};

/**
 * An empty plain object already in V8's dictionary mode. Keyed by ids (uuids), a fast-mode object
 * grows a new hidden class per key, which made every insert ~5x slower and fed the GC; insertion
 * order (what JSON keeps) is the same in both modes.
 */
function idMap<V>(): Record<string, V> {
  const map: Record<string, unknown> = { a: 0, b: 0 };
  delete map.a; // deleting a member that is not the last one switches the object to dictionary mode
  delete map.b;
  return map as Record<string, V>;
}

/** In place, the same fields in the same order as `withStatus` (an existing key keeps its place). */
function setStatus(view: LearnerView, ids: string[], status: StoredCredentialStatus, link: Partial<LearnerCredentialEntry> = {}): void {
  for (const id of ids) {
    const entry = view.credentials[id];
    if (entry) Object.assign(entry, { status }, link);
  }
}

function transferInPlace(view: LearnerView, data: CreditsTransferredData): LearnerView {
  setStatus(view, data.credentialIds, 'transferred', { transferId: data.transferId });
  view.transfers[data.transferId] = transferEntry(data);
  return view;
}

function awardInPlace(view: LearnerView, credential: QualificationAwardedData['credential']): LearnerView {
  const { pathwayId, pathwayVersion, components } = credential;
  setStatus(view, components, 'stacked', { qualificationId: credential.id });
  view.credentials[credential.id] = { ...entryOf(credential), qualification: { pathwayId, pathwayVersion, components } };
  return view;
}

function transferEntry(data: CreditsTransferredData): LearnerTransferEntry {
  return { toIssuerId: data.toIssuerId, programme: data.programme, credentialIds: data.credentialIds, transferredAt: data.transferredAt };
}

function entryOf(credential: CredentialIssuedData['credential']): LearnerCredentialEntry {
  return {
    issuerId: credential.issuerId,
    title: credential.title,
    credits: parseCredits(credential.credits, 'credits'),
    level: credential.level,
    skills: (credential.skills as string[] | undefined) ?? [],
    issuedAt: credential.issuedAt,
    validUntil: credential.validUntil,
    status: 'active',
  };
}

function issued(view: LearnerView, event: ProjectedEvent): LearnerView {
  const { credential } = event.data as unknown as CredentialIssuedData;
  return { ...view, credentials: { ...view.credentials, [credential.id]: entryOf(credential) } };
}

function transferred(view: LearnerView, event: ProjectedEvent): LearnerView {
  const data = event.data as unknown as CreditsTransferredData;
  const transfer = transferEntry(data);
  const next = withStatus(view, data.credentialIds, 'transferred', { transferId: data.transferId });
  return { ...next, transfers: { ...next.transfers, [data.transferId]: transfer } };
}

function awarded(view: LearnerView, event: ProjectedEvent): LearnerView {
  const { credential } = event.data as unknown as QualificationAwardedData;
  const { pathwayId, pathwayVersion, components } = credential;
  const next = withStatus(view, components, 'stacked', { qualificationId: credential.id });
  const entry = { ...entryOf(credential), qualification: { pathwayId, pathwayVersion, components } };
  return { ...next, credentials: { ...next.credentials, [credential.id]: entry } };
}

function withStatus(
  view: LearnerView,
  ids: string[],
  status: StoredCredentialStatus,
  link: Partial<LearnerCredentialEntry> = {},
): LearnerView {
  const credentials = { ...view.credentials };
  for (const id of ids) {
    const entry = credentials[id];
    if (entry) credentials[id] = { ...entry, status, ...link };
  }
  return { ...view, credentials };
}
