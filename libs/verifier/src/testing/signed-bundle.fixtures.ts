import {
  didKeyFromPublicKey,
  keyPairSigner,
  signDocument,
  signKeyRegistration,
  type Ed25519KeyPair,
  type JsonObject,
} from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import type { ProofBundle } from '../proof-bundle';
import { bundleOf, CHAIN_ID, CONTRACT, credentialDoc, type BuiltBatch, type LedgerEvent } from './bundle.fixtures';

/**
 * Test fixtures for signed credentials and `stackledger-proof/2` bundles: issuer keys, proofs of
 * possession, `IssuerKeyRegistered` events and credential documents signed as an issuer's
 * software signs them. Signing uses the library's node:crypto backend, as an issuer's tools do;
 * the verifier under test uses only the noble one. Not shipped (excluded from the build).
 */

export interface IssuerKit {
  readonly issuerId: string;
  readonly name: string;
  readonly domain: string;
  readonly keyPair: Ed25519KeyPair;
  readonly keyId: string;
}

/** A fixed key per `n` (the W3C vector's style of seed), so fixtures are reproducible. */
export function keyPairOf(n: number): Ed25519KeyPair {
  const secretKey = new Uint8Array(32).fill(n + 1);
  return { secretKey, publicKey: nodeCryptoBackend.publicKeyOf(secretKey) };
}

export function issuerKit(n: number, overrides: Partial<Omit<IssuerKit, 'keyId'>> = {}): IssuerKit {
  const keyPair = overrides.keyPair ?? keyPairOf(n);
  return {
    issuerId: overrides.issuerId ?? `a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c${String(n).padStart(2, '0')}`,
    name: overrides.name ?? `Institute of Examples ${n}`,
    domain: overrides.domain ?? `uni${n}.example`,
    keyPair,
    keyId: didKeyFromPublicKey(keyPair.publicKey),
  };
}

/** The same issuer, signing with another key pair. */
export function withKey(kit: IssuerKit, keyPair: Ed25519KeyPair): IssuerKit {
  return { ...kit, keyPair, keyId: didKeyFromPublicKey(keyPair.publicKey) };
}

export interface RegistrationOptions {
  /** The ledger's time of registration (default 2026-01-10T09:00:00.000Z). */
  readonly registeredAt?: string;
  /** The proof of possession's `created` (default: registeredAt without milliseconds). */
  readonly created?: string;
  /** Who signs the proof of possession (default: the key itself). */
  readonly signedBy?: Ed25519KeyPair;
  /** The issuer the proof of possession names (default: the kit's). */
  readonly popIssuerId?: string;
}

/** `IssuerKeyRegistered` data as the ledger records it. */
export function keyRegistrationData(kit: IssuerKit, options: RegistrationOptions = {}): JsonObject {
  const registeredAt = options.registeredAt ?? '2026-01-10T09:00:00.000Z';
  const created = options.created ?? registeredAt.replace(/\.\d+Z$/, 'Z');
  const pop = signKeyRegistration(nodeCryptoBackend, kit.keyPair, options.popIssuerId ?? kit.issuerId, created) as unknown as JsonObject;
  if (options.signedBy) {
    // The document names the kit's key, the proof is made by another: what a thief without the key could offer.
    const { proof: _own, ...unsigned } = pop;
    const thief = signDocument(
      nodeCryptoBackend,
      unsigned,
      { created, proofPurpose: 'assertionMethod' },
      keyPairSigner(nodeCryptoBackend, options.signedBy),
    );
    return { issuerId: kit.issuerId, keyId: kit.keyId, registeredAt, proofOfPossession: thief };
  }
  return { issuerId: kit.issuerId, keyId: kit.keyId, registeredAt, proofOfPossession: pop };
}

export function keyRegisteredEvent(seq: number, kit: IssuerKit, options: RegistrationOptions = {}): LedgerEvent {
  const recordedAt = options.registeredAt ?? '2026-01-10T09:00:00.000Z';
  return {
    seq,
    id: `00000000-0000-4000-9000-${String(seq).padStart(12, '0')}`,
    stream: `issuer-${kit.issuerId}`,
    type: 'IssuerKeyRegistered',
    data: keyRegistrationData(kit, options),
    recordedAt,
  };
}

/** A credential document as the issuer's software builds it, with `issuer` and not yet signed. */
export function unsignedCredential(n: number, kit: IssuerKit, overrides: Record<string, unknown> = {}): JsonObject {
  return credentialDoc(n, { issuerId: kit.issuerId, issuer: { id: kit.issuerId, name: kit.name, domain: kit.domain }, ...overrides });
}

/** The document signed with eddsa-jcs-2022 (proofPurpose assertionMethod) by the kit's key. */
export function signCredential(document: JsonObject, kit: IssuerKit, created = '2026-01-15T10:00:00Z'): JsonObject {
  return signDocument(
    nodeCryptoBackend,
    document,
    { created, proofPurpose: 'assertionMethod' },
    keyPairSigner(nodeCryptoBackend, kit.keyPair),
  );
}

export function signedCredential(n: number, kit: IssuerKit, overrides: Record<string, unknown> = {}): JsonObject {
  return signCredential(unsignedCredential(n, kit, overrides), kit);
}

export function credentialEvent(seq: number, credential: JsonObject): LedgerEvent {
  const recordedAt = new Date(Date.UTC(2026, 0, 15, 10, 0, seq)).toISOString();
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return { seq, id, stream: `learner-${String(credential.learnerId)}`, type: 'CredentialIssued', data: { credential }, recordedAt };
}

/** The `/2` bundle of the credential at `seq` in `batch`, signed by the key registered at `keySeq` in `keyBatch`. */
export function bundleV2(
  batch: BuiltBatch,
  seq: number,
  keyBatch: BuiltBatch,
  keySeq: number,
  anchor: { chainId?: number; contract?: string; txHash?: string; blockNumber?: number } = {},
  keyAnchor: { txHash?: string; blockNumber?: number } = {},
): ProofBundle {
  const i = keySeq - keyBatch.fromSeq;
  const event = keyBatch.events[i];
  if (!event || event.type !== 'IssuerKeyRegistered') throw new Error(`seq ${keySeq} is not an IssuerKeyRegistered in the batch`);
  const { index, root, fromSeq, toSeq } = keyBatch;
  const issuerKey = {
    event,
    merkle: { leaf: keyBatch.tree.leaf(i), path: keyBatch.tree.proof(i), batch: { index, root, fromSeq, toSeq } },
    anchor: {
      chainId: anchor.chainId ?? CHAIN_ID,
      contract: anchor.contract ?? CONTRACT,
      txHash: keyAnchor.txHash ?? `0x${'cd'.repeat(32)}`,
      blockNumber: keyAnchor.blockNumber ?? 1,
    },
  };
  return JSON.parse(JSON.stringify({ ...bundleOf(batch, seq, anchor), format: 'stackledger-proof/2', issuerKey })) as ProofBundle;
}
