import { isPlainObject } from './bytes';
import type { CryptoBackend, Ed25519KeyPair } from './crypto-backend';
import { instantOf } from './date-time';
import { didKeyFromPublicKey, parseDidKey, verificationMethodOf } from './did-key';
import { keyPairSigner, signDocument } from './eddsa-jcs-2022.create';
import { verifyProof } from './eddsa-jcs-2022.verify';
import { isAcceptablePublicKey } from './noble-backend';
import type { DataIntegrityProof, ProofFailureReason } from './proof.types';

/**
 * Proof of possession of a new issuer key: the document
 * `{"type":"StackLedgerKeyRegistration","issuerId":…,"keyId":…,"created":…}` signed with
 * eddsa-jcs-2022 (proofPurpose `assertionMethod`) by the very key it names, so nobody can register
 * a key they do not hold, for an issuer they are not, at a time other than now.
 */
export const KEY_REGISTRATION_TYPE = 'StackLedgerKeyRegistration';

export interface KeyRegistration {
  readonly type: typeof KEY_REGISTRATION_TYPE;
  readonly issuerId: string;
  /** The bare did:key of the key being registered. */
  readonly keyId: string;
  /** UTC dateTime with `Z`, the moment of signing. */
  readonly created: string;
}

export type SignedKeyRegistration = KeyRegistration & { readonly proof: DataIntegrityProof };

/**
 * The signed registration of `keyPair` for `issuerId` at `created`.
 *
 * Preconditions: `issuerId` is a non-empty string; `created` a UTC dateTime (`…Z`); `keyPair` a
 * matching pair (throws `TypeError` / `ProofCreationError` otherwise).
 */
export function signKeyRegistration(
  backend: CryptoBackend,
  keyPair: Ed25519KeyPair,
  issuerId: string,
  created: string,
): SignedKeyRegistration {
  if (typeof issuerId !== 'string' || issuerId === '') throw new TypeError('issuerId must be a non-empty string');
  if (instantOf(created) === undefined) throw new TypeError('created must be a dateTime with a time zone');
  const document: KeyRegistration = { type: KEY_REGISTRATION_TYPE, issuerId, keyId: didKeyFromPublicKey(keyPair.publicKey), created };
  return signDocument(backend, document, { created, proofPurpose: 'assertionMethod' }, keyPairSigner(backend, keyPair));
}

export interface KeyRegistrationExpectations {
  /** The issuer the key is registered for; the document's `issuerId` MUST equal it. */
  readonly issuerId: string;
  /** When given, the document's `keyId` MUST equal it (the key named beside the proof). */
  readonly keyId?: string;
  /** The clock to judge `created` by, in epoch ms (the server's now, or the registration's time). */
  readonly at: number;
  /** `created` MUST lie within this many ms of `at`, either way (5 minutes on the server). */
  readonly windowMs: number;
}

export type KeyRegistrationFailure =
  'MALFORMED_REGISTRATION' | 'ISSUER_MISMATCH' | 'KEY_MISMATCH' | 'UNACCEPTABLE_KEY' | 'STALE' | ProofFailureReason;

export type KeyRegistrationVerification =
  | { readonly ok: true; readonly keyId: string; readonly publicKey: Uint8Array; readonly created: string }
  | { readonly ok: false; readonly reason: KeyRegistrationFailure; readonly message: string };

const MEMBERS = ['created', 'issuerId', 'keyId', 'proof', 'type'];

/**
 * Verifies a proof of possession. Never throws. MUST rules: exactly the members `type` (=
 * StackLedgerKeyRegistration), `issuerId`, `keyId`, `created`, `proof`; `issuerId` the expected
 * one; `keyId` a did:key (the expected one when given) whose key is a prime-order-subgroup point;
 * `created` a dateTime with a zone within `windowMs` of `at`; the proof verifies (eddsa-jcs-2022,
 * purpose assertionMethod) and its verification method is `keyId`'s own.
 */
export function verifyKeyRegistration(
  backend: CryptoBackend,
  registration: unknown,
  expected: KeyRegistrationExpectations,
): KeyRegistrationVerification {
  try {
    return check(backend, registration, expected);
  } catch (error) {
    return fail('MALFORMED_REGISTRATION', `unreadable registration: ${String((error as Error)?.message ?? error)}`);
  }
}

function check(backend: CryptoBackend, registration: unknown, expected: KeyRegistrationExpectations): KeyRegistrationVerification {
  if (!isPlainObject(registration)) return fail('MALFORMED_REGISTRATION', 'the registration must be a JSON object');
  const names = Object.keys(registration).sort();
  if (names.join() !== MEMBERS.join())
    return fail('MALFORMED_REGISTRATION', `the registration has exactly the members ${MEMBERS.join(', ')}`);
  const { type, issuerId, keyId, created } = registration;
  if (type !== KEY_REGISTRATION_TYPE) return fail('MALFORMED_REGISTRATION', `type must be ${KEY_REGISTRATION_TYPE}`);
  if (typeof issuerId !== 'string' || typeof keyId !== 'string' || typeof created !== 'string') {
    return fail('MALFORMED_REGISTRATION', 'issuerId, keyId and created must be strings');
  }
  if (issuerId !== expected.issuerId) return fail('ISSUER_MISMATCH', 'the registration names another issuer');
  if (expected.keyId !== undefined && keyId !== expected.keyId) return fail('KEY_MISMATCH', 'the registration names another key');
  let publicKey: Uint8Array;
  try {
    publicKey = parseDidKey(keyId);
  } catch (error) {
    return fail('MALFORMED_REGISTRATION', `keyId: ${(error as Error).message}`);
  }
  if (!isAcceptablePublicKey(publicKey)) return fail('UNACCEPTABLE_KEY', 'keyId is not a valid Ed25519 key of the prime-order subgroup');
  const instant = instantOf(created);
  if (instant === undefined) return fail('MALFORMED_REGISTRATION', 'created must be a dateTime with a time zone');
  if (!(Math.abs(instant - expected.at) <= expected.windowMs))
    return fail('STALE', `created is more than ${expected.windowMs} ms away from the clock`);

  // The key must be the one named before any signature is checked: a valid proof by another key proves nothing here.
  const proof = registration.proof;
  const method = isPlainObject(proof) ? proof.verificationMethod : undefined;
  if (typeof method === 'string' && method !== verificationMethodOf(keyId))
    return fail('KEY_MISMATCH', 'the proof is made by another key than keyId');
  const onlyThisKey = (vm: string) => (vm === verificationMethodOf(keyId) ? publicKey : undefined);
  const result = verifyProof(backend, registration, { expectedProofPurpose: 'assertionMethod', resolveKey: onlyThisKey });
  if (!result.ok) return result;
  return { ok: true, keyId, publicKey, created };
}

function fail(reason: KeyRegistrationFailure, message: string): KeyRegistrationVerification {
  return { ok: false, reason, message };
}
