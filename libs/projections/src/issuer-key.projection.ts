import { DocumentProjection, ProjectedEvent } from './projection';

/**
 * The API's own read models for authenticating issuers, kept apart from the public ones (the audit
 * replays those, from logs that may come without metadata): an issuer's API key hash is in its
 * registration's and rotations' metadata, never in their anchored data. Ledgers written before that
 * kept it in `IssuerRegistered` (v1) data, which is still read.
 */
const KEY_EVENTS = ['IssuerRegistered', 'IssuerRegistered.v2', 'IssuerApiKeyRotated'] as const;

/** The key hash an event sets for its issuer, or undefined when it sets none. Folds upcast events. */
function keyHashOf(event: ProjectedEvent): string | undefined {
  if (event.type !== 'IssuerRegistered.v2' && event.type !== 'IssuerApiKeyRotated') return undefined;
  const hash = event.metadata?.apiKeyHash ?? event.data.apiKeyHash;
  return typeof hash === 'string' ? hash : undefined;
}

const issuerIdOf = (event: ProjectedEvent): string => event.data.issuerId as string;

/** Which issuer a key hash was ever given to; `issuer-auth` says whether it is still the current key. */
export const issuerKeyProjection: DocumentProjection<{ issuerId: string }> = {
  collection: 'issuer-key',
  metadataOf: KEY_EVENTS,
  keysOf(event) {
    const hash = keyHashOf(event);
    return hash ? [hash] : [];
  },
  evolve(_view, event) {
    return { issuerId: issuerIdOf(event) };
  },
};

export interface IssuerAuth {
  issuerId: string;
  /** The hash of the one key that works now: a rotation replaces it, so the old key stops at once. */
  apiKeyHash: string;
  status: 'active' | 'suspended';
}

/** Per issuer: its current key hash and its status, all a request's authentication needs. */
export const issuerAuthProjection: DocumentProjection<IssuerAuth> = {
  collection: 'issuer-auth',
  metadataOf: KEY_EVENTS,
  keysOf(event) {
    return event.stream.startsWith('issuer-') ? [issuerIdOf(event)] : [];
  },
  evolve(auth, event) {
    switch (event.type) {
      case 'IssuerRegistered.v2':
      case 'IssuerApiKeyRotated': {
        const apiKeyHash = keyHashOf(event);
        if (apiKeyHash === undefined) return auth;
        return { issuerId: issuerIdOf(event), apiKeyHash, status: auth?.status ?? 'active' };
      }
      case 'IssuerSuspended':
        return auth && { ...auth, status: 'suspended' };
      case 'IssuerReinstated':
        return auth && { ...auth, status: 'active' };
      default:
        return auth;
    }
  },
};

/**
 * Which issuer registered a signing key (by bare did:key): lets the service tell a key of another
 * issuer from a key nobody registered when it refuses a signed credential.
 */
export const signingKeyProjection: DocumentProjection<{ issuerId: string }> = {
  collection: 'signing-key',
  keysOf(event) {
    return event.type === 'IssuerKeyRegistered' && typeof event.data.keyId === 'string' ? [event.data.keyId] : [];
  },
  evolve(view, event) {
    return view ?? { issuerId: issuerIdOf(event) };
  },
};

export const ISSUER_KEY_PROJECTIONS = [issuerKeyProjection, issuerAuthProjection, signingKeyProjection] as const;
