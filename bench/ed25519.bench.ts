import {
  generateKeyPair,
  hashData,
  keyPairSigner,
  nobleBackend,
  signDocument,
  verifyProof,
  type CryptoBackend,
} from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { figure, note } from './support/figures';

/** Operations per second of `op` over `inputs` (cycled), after a warm-up, for about `seconds`. */
function rate<T>(inputs: T[], op: (input: T) => boolean, seconds: number): number {
  for (let i = 0; i < Math.min(200, inputs.length); i++) if (!op(inputs[i])) throw new Error('a valid input did not verify');
  let done = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++, done++) if (!op(inputs[done % inputs.length])) throw new Error('a valid input did not verify');
  }
  return (done / (performance.now() - start)) * 1000;
}

/**
 * Ed25519 verification on the server path (OpenSSL through node:crypto, KeyObjects cached per key
 * as the server will) against the audited pure-JS noble, in the same run: raw signatures over
 * 64-byte hash data, and whole eddsa-jcs-2022 proofs of ledger-sized credentials (JCS, two
 * SHA-256, the signature). 4 issuer keys, 1,000 distinct signatures.
 */
export function ed25519Bench(seconds = 3): void {
  note(`ed25519: node:crypto vs noble, ~${seconds} s each`);
  const keys = Array.from({ length: 4 }, () => generateKeyPair(nodeCryptoBackend));
  const credentials = Array.from({ length: 1_000 }, (_, i) => {
    const keyPair = keys[i % keys.length];
    const credential = {
      id: crypto.randomUUID(),
      type: 'MicroCredential',
      learnerId: `learner-${i}`,
      issuer: { id: 'issuer-1', name: 'Hochschule Beispiel', domain: 'uni.example' },
      title: `Module ${i}: data and energy`,
      credits: '2.50',
      level: 6,
      salt: '0x' + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex'),
      issuedAt: '2026-03-01T10:00:00.000Z',
      validUntil: '2031-03-01T10:00:00.000Z',
    };
    return signDocument(
      nodeCryptoBackend,
      credential,
      { created: credential.issuedAt, proofPurpose: 'assertionMethod' },
      keyPairSigner(nodeCryptoBackend, keyPair),
    );
  });
  const raw = credentials.map((_, i) => {
    const keyPair = keys[i % keys.length];
    const message = hashData(nodeCryptoBackend, `proof ${i}`, `document ${i}`);
    return { message, publicKey: keyPair.publicKey, signature: nodeCryptoBackend.sign(message, keyPair.secretKey) };
  });

  const verifyRaw = (backend: CryptoBackend) => (x: (typeof raw)[number]) => backend.verify(x.signature, x.message, x.publicKey);
  const verifyWhole = (backend: CryptoBackend) => (doc: unknown) => verifyProof(backend, doc).ok;
  const target = 'value >= 20000/s on one core (one check per credential at the bulk issuance target); ratio = times faster than noble';
  figure(
    "Ed25519 verifications per second (node:crypto, the server's path)",
    rate(raw, verifyRaw(nodeCryptoBackend), seconds),
    '1/s',
    rate(raw, verifyRaw(nobleBackend), seconds),
    target,
  );
  figure(
    'eddsa-jcs-2022 proof verifications per second (node:crypto)',
    rate(credentials, verifyWhole(nodeCryptoBackend), seconds),
    '1/s',
    rate(credentials, verifyWhole(nobleBackend), seconds),
    target,
  );
}
