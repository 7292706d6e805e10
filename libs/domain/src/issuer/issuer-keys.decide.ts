import { DomainError } from '../shared/domain-error';
import { parseInstant } from '../shared/instant';
import { requirePattern, requireText } from '../shared/validation';
import { RegisterIssuerKey, RetireIssuerKey, RevokeIssuerKey } from './issuer.commands';
import { IssuerKeyRegistered, IssuerKeyRetired, IssuerKeyRevoked } from './issuer.events';
import { IssuerKeyState, IssuerState } from './issuer.state';

/** A bare did:key of an Ed25519 key (multicodec 0xed01, base58btc): the form the caller has already parsed. */
const ED25519_DID_KEY = /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

export function registerIssuerKey({ data }: RegisterIssuerKey, state: IssuerState): IssuerKeyRegistered {
  const issuer = activeIssuer(state, data.issuerId);
  const keyId = requirePattern(data.keyId, 'keyId', ED25519_DID_KEY, 'the did:key of an Ed25519 key (did:key:z6Mk…)');
  if (Object.hasOwn(issuer.keys, keyId)) {
    throw new DomainError('KEY.ALREADY_REGISTERED', `key ${keyId} is already registered for issuer ${issuer.issuerId}`, 'keyId');
  }
  if (typeof data.proofOfPossession !== 'object' || data.proofOfPossession === null || Array.isArray(data.proofOfPossession)) {
    throw new DomainError('VALIDATION.TYPE', 'proofOfPossession must be a JSON object', 'proofOfPossession');
  }
  const registeredAt = parseInstant(data.at, 'at');
  return {
    type: 'IssuerKeyRegistered',
    data: { issuerId: issuer.issuerId, keyId, registeredAt, proofOfPossession: data.proofOfPossession },
  };
}

/** Retiring stops new signatures only; a retired or revoked key cannot be retired again. */
export function retireIssuerKey({ data }: RetireIssuerKey, state: IssuerState): IssuerKeyRetired {
  const issuer = activeIssuer(state, data.issuerId);
  const key = keyOf(issuer.keys, data.keyId, issuer.issuerId);
  if (key.status !== 'live') {
    throw new DomainError(key.status === 'retired' ? 'KEY.RETIRED' : 'KEY.REVOKED', `key ${data.keyId} is already ${key.status}`, 'keyId');
  }
  return { type: 'IssuerKeyRetired', data: { issuerId: issuer.issuerId, keyId: data.keyId, retiredAt: parseInstant(data.at, 'at') } };
}

/** A retired key may still be revoked (it was stolen after all); the authority may revoke the keys of a suspended issuer. */
export function revokeIssuerKey({ data }: RevokeIssuerKey, state: IssuerState): IssuerKeyRevoked {
  if (state.status === 'unregistered') throw issuerNotFound(data.issuerId);
  if (state.status === 'suspended' && data.by !== 'admin') {
    throw new DomainError('ISSUER.SUSPENDED', `issuer ${data.issuerId} is suspended: only the authority may revoke its keys`, 'issuerId');
  }
  const key = keyOf(state.keys, data.keyId, state.issuerId);
  if (key.status === 'revoked') throw new DomainError('KEY.REVOKED', `key ${data.keyId} is already revoked`, 'keyId');
  const reason = requireText(data.reason, 'reason', 500);
  const revokedAt = parseInstant(data.at, 'at');
  return { type: 'IssuerKeyRevoked', data: { issuerId: state.issuerId, keyId: data.keyId, reason, by: data.by, revokedAt } };
}

function activeIssuer(state: IssuerState, issuerId: string): Extract<IssuerState, { status: 'active' }> {
  if (state.status === 'unregistered') throw issuerNotFound(issuerId);
  if (state.status === 'suspended') throw new DomainError('ISSUER.SUSPENDED', `issuer ${issuerId} is suspended`, 'issuerId');
  return state;
}

function keyOf(keys: Record<string, IssuerKeyState>, keyId: string, issuerId: string): IssuerKeyState {
  if (!Object.hasOwn(keys, keyId)) {
    throw new DomainError('KEY.NOT_REGISTERED', `${String(keyId)} is not a registered key of issuer ${issuerId}`, 'keyId');
  }
  return keys[keyId];
}

function issuerNotFound(issuerId: string): DomainError {
  return new DomainError('ISSUER.NOT_FOUND', `issuer ${issuerId} is not registered`, 'issuerId');
}
