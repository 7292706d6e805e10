import { canonicalJson } from '@stackledger/merkle';
import { keyHash, nobleBackend, verifyKeyRegistration, verifyProof } from '@stackledger/data-integrity';
import { checkInclusion, Trail } from './offline-checks';
import type { ProofBundle } from './proof-bundle';
import type { CheckRecord, ReasonCode, Verdict } from './verdict';

/**
 * Steps 7 and 8 as far as the bundle alone can take them: the credential's Data Integrity proof,
 * and the anchored registration of the key that made it. The registration event is first held
 * to steps 1-2 like the credential's own event (a failure there is `tampered`); then the proof
 * and the registration's meaning (a failure there is `bad-signature`). Ed25519 and SHA-256 come
 * from the audited noble backend: this code runs in browsers too, and never on the server's
 * OpenSSL path.
 */

/** Event types that register an issuer key (with upcast versions `.vN`). */
export const KEY_EVENT_TYPE = /^IssuerKeyRegistered(\.v[1-9][0-9]*)?$/;

/**
 * How far a proof of possession's `created` may lie from the `registeredAt` the ledger recorded,
 * either way: the window the ledger itself applies against its clock when it accepts a key.
 */
export const REGISTRATION_WINDOW_MS = 5 * 60_000;

export interface SignatureFailure {
  readonly ok: false;
  readonly verdict: Verdict;
  readonly code: ReasonCode;
  readonly reason: string;
  /** The key, when the proof named one. */
  readonly keyId?: string;
}

export type SignaturePass =
  | { readonly ok: true; readonly signed: false }
  | {
      readonly ok: true;
      readonly signed: true;
      readonly keyId: string;
      readonly verificationMethod: string;
      readonly created?: string;
      readonly keyHash: string;
    };

const KEY_INCLUSION = {
  step: 8,
  what: 'key registration ',
  leaf: 'KEY_LEAF_MISMATCH',
  root: 'KEY_ROOT_MISMATCH',
  range: 'KEY_SEQ_OUT_OF_RANGE',
} as const;

/**
 * Preconditions: `bundle` passed the shape check and {@link checkOffline}; `initMerkle()` has
 * resolved. Appends to `checks`; never throws on hostile content.
 */
export function checkSignatureOffline(bundle: ProofBundle, checks: CheckRecord[]): SignatureFailure | SignaturePass {
  const t = new Trail(checks);
  const key = bundle.issuerKey;
  if (key === undefined) {
    const why =
      bundle.format === 'stackledger-proof/1'
        ? 'a stackledger-proof/1 bundle carries no issuer signature'
        : 'the credential carries no issuer signature';
    t.pass(7, 'issuer signature', `none: ${why}`);
    return { ok: true, signed: false };
  }
  const tampered = (code: ReasonCode, reason: string): SignatureFailure => ({
    verdict: 'tampered',
    ...t.fail(8, 'key registration event', code, reason),
  });
  if (!KEY_EVENT_TYPE.test(key.event.type)) {
    return tampered('NOT_A_KEY_REGISTRATION_EVENT', `issuerKey.event ${key.event.seq} is a ${key.event.type}, not a key registration`);
  }
  const included = checkInclusion(key.event, key.merkle, t, KEY_INCLUSION);
  if (typeof included !== 'string') return { ...included, verdict: 'tampered' };

  const proof = verifyProof(nobleBackend, bundle.credential, { expectedProofPurpose: 'assertionMethod' });
  if (!proof.ok)
    return bad(
      t,
      7,
      'credential proof verifies',
      'BAD_SIGNATURE',
      `the issuer's signature does not verify (${proof.reason}): ${proof.message}`,
    );
  if (proof.keyId === undefined) return bad(t, 7, 'credential proof verifies', 'BAD_SIGNATURE', 'the proof is not made by a did:key');
  // A proof with its own @context signs the document under that context only: every member shown must be signed.
  if (proof.proof['@context'] !== undefined && !sameJson(proof.proof['@context'], bundle.credential['@context'])) {
    return bad(
      t,
      7,
      'credential proof verifies',
      'BAD_SIGNATURE',
      "the credential's @context has members the proof does not cover",
      proof.keyId,
    );
  }
  t.pass(7, 'credential proof verifies', `eddsa-jcs-2022 by ${proof.verificationMethod}`);
  return checkRegistration(bundle, t, { keyId: proof.keyId, verificationMethod: proof.verificationMethod, created: proof.proof.created });
}

/** Step 8, offline: the registration names this issuer and this key, its holder proved possession, and it came first. */
function checkRegistration(
  bundle: ProofBundle,
  t: Trail,
  signer: { keyId: string; verificationMethod: string; created?: string },
): SignatureFailure | SignaturePass {
  const { event } = bundle.issuerKey!;
  const { keyId } = signer;
  const data = event.data;
  const issuerId = bundle.credential.issuerId;
  if (data.keyId !== keyId) {
    return bad(
      t,
      8,
      'registration names the signing key',
      'KEY_MISMATCH',
      `the credential is signed by ${keyId}, but the registration in the bundle is of ${data.keyId}`,
      keyId,
    );
  }
  t.pass(8, 'registration names the signing key', keyId);
  if (data.issuerId !== issuerId || event.stream !== `issuer-${issuerId}`) {
    const where =
      data.issuerId !== issuerId ? `registers the key for issuer ${data.issuerId}` : `is in stream ${event.stream}, not issuer-${issuerId}`;
    return bad(
      t,
      8,
      "registration is the credential's issuer's",
      'KEY_ISSUER_MISMATCH',
      `the credential's issuer is ${issuerId}, but the key registration ${where}`,
      keyId,
    );
  }
  t.pass(8, "registration is the credential's issuer's", event.stream);
  const possession = verifyKeyRegistration(nobleBackend, data.proofOfPossession, {
    issuerId,
    keyId,
    at: Date.parse(data.registeredAt),
    windowMs: REGISTRATION_WINDOW_MS,
  });
  if (!possession.ok) {
    return bad(
      t,
      8,
      'proof of possession verifies',
      'BAD_PROOF_OF_POSSESSION',
      `the key registration's proof of possession does not verify (${possession.reason}): ${possession.message}`,
      keyId,
    );
  }
  t.pass(8, 'proof of possession verifies', `created ${possession.created}, registered ${data.registeredAt}`);
  if (event.seq >= bundle.event.seq) {
    return bad(
      t,
      8,
      'key registered before the credential',
      'KEY_REGISTERED_LATER',
      `the key was registered in ledger event ${event.seq}, after the credential (event ${bundle.event.seq})`,
      keyId,
    );
  }
  t.pass(8, 'key registered before the credential', `event ${event.seq} before event ${bundle.event.seq}`);
  const created = typeof signer.created === 'string' ? signer.created : undefined;
  return { ok: true, signed: true, keyId, verificationMethod: signer.verificationMethod, created, keyHash: keyHash(keyId) };
}

function bad(t: Trail, step: number, name: string, code: ReasonCode, reason: string, keyId?: string): SignatureFailure {
  return { verdict: 'bad-signature', ...t.fail(step, name, code, reason), ...(keyId !== undefined && { keyId }) };
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b ?? null);
  } catch {
    return false;
  }
}
