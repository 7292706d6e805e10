import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { Contract, JsonRpcProvider, concat, getBytes, keccak256, toUtf8Bytes } from 'ethers';
import { jcs } from '../../cli/independent-verifier';

/**
 * An issuer's signer and an employer's verifier written only from the published rules
 * (libs/verifier/VERIFYING.md, libs/data-integrity/README.md), as outsiders would write them:
 * noble Ed25519 and SHA-256, ethers' keccak256, their own base58btc, did:key and eddsa-jcs-2022,
 * and the small JCS of test/cli/independent-verifier.ts. Nothing of libs/data-integrity,
 * libs/client, libs/merkle or libs/verifier: where they disagree with the project, one of the two
 * misreads the rules.
 */

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

export function unbase58btc(text: string): Uint8Array {
  let n = 0n;
  for (const c of text) {
    const i = B58.indexOf(c);
    if (i < 0) throw new Error('not base58btc');
    n = n * 58n + BigInt(i);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const c of text) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** did:key of an Ed25519 public key: multicodec 0xed 0x01, base58btc multibase (`z`). */
export const didKeyOf = (publicKey: Uint8Array) => `did:key:z${base58btc(Uint8Array.from([0xed, 0x01, ...publicKey]))}`;
const methodOf = (keyId: string) => `${keyId}#${keyId.slice('did:key:'.length)}`;

function publicKeyOfDid(keyId: string): Uint8Array {
  if (!keyId.startsWith('did:key:z')) throw new Error('not a did:key');
  const bytes = unbase58btc(keyId.slice('did:key:z'.length));
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) throw new Error('not an ed25519-pub did:key');
  return bytes.slice(2);
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const hashData = (options: object, document: object) => concat([sha256(utf8(jcs(options))), sha256(utf8(jcs(document)))]);

export interface RulesOnlyKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  keyId: string;
}

export function rulesOnlyKey(): RulesOnlyKey {
  const secretKey = ed25519.utils.randomPrivateKey();
  const publicKey = ed25519.getPublicKey(secretKey);
  return { secretKey, publicKey, keyId: didKeyOf(publicKey) };
}

/** eddsa-jcs-2022: SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without proof)), Ed25519, proofValue = z + base58btc. */
export function rulesOnlySign(document: Record<string, unknown>, key: RulesOnlyKey, created: string): Record<string, unknown> {
  const options = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-jcs-2022',
    created,
    verificationMethod: methodOf(key.keyId),
    proofPurpose: 'assertionMethod',
  };
  const signature = ed25519.sign(getBytes(hashData(options, document)), key.secretKey);
  return { ...document, proof: { ...options, proofValue: `z${base58btc(signature)}` } };
}

/** Whether `document.proof` verifies; the bare did:key that made it, or undefined. */
export function rulesOnlyVerify(document: Record<string, unknown>): string | undefined {
  try {
    const { proof, ...unsecured } = document as { proof: Record<string, unknown> };
    const { proofValue, ...options } = proof;
    if (options.type !== 'DataIntegrityProof' || options.cryptosuite !== 'eddsa-jcs-2022' || typeof proofValue !== 'string')
      return undefined;
    const keyId = String(options.verificationMethod).split('#')[0];
    if (options.verificationMethod !== methodOf(keyId) || !proofValue.startsWith('z')) return undefined;
    const signature = unbase58btc(proofValue.slice(1));
    return ed25519.verify(signature, getBytes(hashData(options, unsecured)), publicKeyOfDid(keyId)) ? keyId : undefined;
  } catch {
    return undefined;
  }
}

const secondsOnly = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z');

/** `{"type":"StackLedgerKeyRegistration","issuerId","keyId","created","proof"}`, signed by the key itself (or by `signer`). */
export function rulesOnlyProofOfPossession(key: RulesOnlyKey, issuerId: string, signer = key): Record<string, unknown> {
  const created = secondsOnly(new Date());
  const document = { type: 'StackLedgerKeyRegistration', issuerId, keyId: key.keyId, created };
  const signed = rulesOnlySign(document, signer, created);
  return signer === key ? signed : { ...signed, proof: { ...(signed.proof as object), verificationMethod: methodOf(key.keyId) } };
}

/** The section-3 document with `issuer {id, name, domain}`, built by hand, signed: what an issuer's own software posts. */
export function rulesOnlyCredential(
  issuer: { id: string; name: string; domain: string },
  learnerId: string,
  key: RulesOnlyKey,
): Record<string, unknown> {
  const now = new Date();
  const issuedAt = now.toISOString();
  const validUntil = new Date(
    Date.UTC(
      now.getUTCFullYear() + 7,
      now.getUTCMonth(),
      now.getUTCDate(),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  ).toISOString();
  const salt = `0x${Buffer.from(ed25519.utils.randomPrivateKey()).toString('hex')}`;
  const document = {
    id: crypto.randomUUID(),
    issuerId: issuer.id,
    learnerId,
    title: 'Applied Cryptography for Registrars',
    skills: ['ed25519', 'json canonicalisation'],
    credits: '2',
    hours: 60,
    level: 5,
    creditBasis: 'ncrf',
    assessment: 'project',
    issuedAt,
    validUntil,
    salt,
    issuer,
  };
  return rulesOnlySign(document, key, secondsOnly(now));
}

const hashText = (text: string) => keccak256(toUtf8Bytes(text));
const pair = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return keccak256(concat(x <= y ? [getBytes(x), getBytes(y)] : [getBytes(y), getBytes(x)]));
};

/** Steps 2 of section 7 for any event of a bundle: its leaf folds to its batch root and its seq is in range. */
function included(part: { event: any; merkle: any }): boolean {
  const { seq, id, stream, type, data, recordedAt } = part.event;
  const leaf = keccak256(hashText(jcs({ seq, id, stream, type, data, recordedAt })));
  if (String(part.merkle.leaf).toLowerCase() !== leaf) return false;
  const root = (part.merkle.path as string[]).reduce(pair, leaf);
  return root === String(part.merkle.batch.root).toLowerCase() && seq >= part.merkle.batch.fromSeq && seq <= part.merkle.batch.toSeq;
}

const ABI = [
  'function batchCount() view returns (uint256)',
  'function batch(uint256) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'function revokedAt(bytes32) view returns (uint64)',
];

export type RulesOnlyVerdict = 'valid' | 'unsigned' | 'tampered' | 'bad-signature' | 'not-anchored' | 'revoked' | 'key-revoked' | 'expired';

/** Sections 7 (steps 1-5) and 12 (steps 7-9) on a bundle, against the contract the employer trusts. */
export async function rulesOnlyVerifyBundle(b: any, rpcUrl: string, contract: string, now = new Date()): Promise<RulesOnlyVerdict> {
  if (jcs(b.credential) !== jcs(b.event.data.credential) || !included(b)) return 'tampered';
  if (b.format !== 'stackledger-proof/2' || b.issuerKey === undefined) return 'unsigned';
  if (!/^IssuerKeyRegistered(\.v\d+)?$/.test(b.issuerKey.event.type) || !included(b.issuerKey)) return 'tampered';
  const keyId = rulesOnlyVerify(b.credential);
  const reg = b.issuerKey.event.data;
  if (keyId === undefined || reg.keyId !== keyId || reg.issuerId !== b.credential.issuerId) return 'bad-signature';
  if (b.issuerKey.event.stream !== `issuer-${b.credential.issuerId}` || b.issuerKey.event.seq >= b.event.seq) return 'bad-signature';
  const pop = reg.proofOfPossession;
  const popOk =
    jcs(Object.keys(pop).sort()) === jcs(['created', 'issuerId', 'keyId', 'proof', 'type']) &&
    pop.type === 'StackLedgerKeyRegistration' &&
    pop.issuerId === reg.issuerId &&
    pop.keyId === keyId &&
    Math.abs(Date.parse(pop.created) - Date.parse(reg.registeredAt)) <= 5 * 60_000 &&
    rulesOnlyVerify(pop) === keyId;
  if (!popOk) return 'bad-signature';

  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  try {
    const anchor = new Contract(contract, ABI, provider);
    const onChain = async (m: any) => {
      if (BigInt(m.batch.index) >= (await anchor.batchCount())) return undefined;
      const [root, fromSeq, toSeq, anchoredAt] = await anchor.batch(m.batch.index);
      const same =
        root.toLowerCase() === m.batch.root.toLowerCase() && fromSeq === BigInt(m.batch.fromSeq) && toSeq === BigInt(m.batch.toSeq);
      return same ? (anchoredAt as bigint) : undefined;
    };
    const credentialAt = await onChain(b.merkle);
    const keyAt = await onChain(b.issuerKey.merkle);
    if (credentialAt === undefined || keyAt === undefined || keyAt > credentialAt) return 'not-anchored';
    if ((await anchor.revokedAt(hashText(jcs(b.credential)))) !== 0n) return 'revoked';
    const keyRevokedAt: bigint = await anchor.revokedAt(hashText(keyId));
    if (keyRevokedAt !== 0n && keyRevokedAt <= credentialAt) return 'key-revoked';
  } finally {
    provider.destroy();
  }
  return Date.parse(b.credential.validUntil) <= now.getTime() ? 'expired' : 'valid';
}
