import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairFromKeyFile, type JsonObject } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { startTxtDnsServer, type TxtDnsServer } from '../../libs/data-integrity/src/testing/txt-dns-server';
import {
  issuerKit,
  keyPairOf,
  signCredential,
  unsignedCredential,
  withKey,
  type IssuerKit,
} from '../../libs/verifier/src/testing/signed-bundle.fixtures';
import { SignedLedger } from '../support/signed-ledger';
import { runLedger } from './support/cli-test-env';
import { freePort } from '../../scripts/local-chain';

/**
 * `ledger verify` on signed credentials, end to end: the issuer's key made by `ledger keys
 * generate`, credentials signed with it, every event appended to a real SQLite ledger, anchored by
 * the API's AnchoringJob on jest's Hardhat chain, key revocations sent to the contract, the
 * `stackledger-proof/2` bundles built from the store, and the CLI run as its own process, with a
 * DNS server on 127.0.0.1 for the domain binding.
 */
jest.setTimeout(180_000);

let dir: string;
let ledger: SignedLedger;
let dns: TxtDnsServer;
let silentDns: TxtDnsServer;
const files: Record<string, string> = {};
const bundles: Record<string, JsonObject> = {};
const times: Record<string, number> = {};
let a: IssuerKit; // uni-a.example: lists its key in DNS
let b: IssuerKit; // uni-b.example: lists another key
let c: IssuerKit; // uni-c.example: no record at all

function save(name: string, value: unknown): void {
  files[name] = join(dir, `${name}.json`);
  writeFileSync(files[name], JSON.stringify(value, null, 2));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-verify-signed-'));
  const keyFile = join(dir, 'issuer-a.key.json');
  const generated = await runLedger(['keys', 'generate', '--out', keyFile, '--domain', 'uni-a.example']);
  expect(generated.code).toBe(0);
  a = issuerKit(1, {
    keyPair: keyPairFromKeyFile(nodeCryptoBackend, readFileSync(keyFile, 'utf8')),
    domain: 'uni-a.example',
    name: 'University of A',
  });
  expect(generated.stdout).toContain(`"stackledger-key=${a.keyId}"`);
  b = issuerKit(2, { domain: 'uni-b.example' });
  c = issuerKit(3, { domain: 'uni-c.example' });
  const thief = withKey(a, keyPairOf(20)); // never registered
  const stolenPop = withKey(a, keyPairOf(21)); // registered with a proof of possession made by another key
  const revokedEarly = withKey(a, keyPairOf(22));
  const revokedLate = withKey(a, keyPairOf(23));
  const lateKey = withKey(a, keyPairOf(24));

  [dns, silentDns] = await Promise.all([
    startTxtDnsServer({
      '_stackledger.uni-a.example': [`stackledger-key=${a.keyId}`, 'v=spf1 -all'],
      '_stackledger.uni-b.example': [`stackledger-key=${a.keyId}`],
    }),
    startTxtDnsServer({}, { silent: true }),
  ]);
  ledger = await SignedLedger.open(dir);

  // Batch 0: the issuers and their keys.
  for (const kit of [a, b, c]) await ledger.registerIssuer(kit);
  const keySeq: Record<string, number> = {};
  for (const [name, kit] of Object.entries({ a, b, c, revokedEarly, revokedLate })) keySeq[name] = await ledger.registerKey(kit);
  keySeq.stolenPop = await ledger.registerKey(stolenPop, { signedBy: keyPairOf(25) });
  await ledger.anchor();

  // Batch 1: the credentials.
  const sign = (n: number, kit: IssuerKit) =>
    signCredential(unsignedCredential(n, kit, { title: `Applied Statistics ${n}` }), kit, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  const seq: Record<string, number> = {};
  seq.valid = await ledger.issue(sign(1, a));
  seq.changed = await ledger.issue({ ...sign(2, a), credits: '40' });
  seq.thief = await ledger.issue(sign(3, thief));
  seq.stolenPop = await ledger.issue(sign(4, stolenPop));
  seq.revokedLater = await ledger.issue(sign(5, revokedLate));
  seq.unsigned = await ledger.issue(unsignedCredential(6, a));
  seq.lateKey = await ledger.issue(sign(7, lateKey));
  seq.b = await ledger.issue(sign(8, b));
  seq.c = await ledger.issue(sign(9, c));
  const credentialBatch = await ledger.anchor();
  times.credentialBatch = await ledger.anchoredAt(credentialBatch.index);

  // Key revoked, then batch 2 signed by it; the late key registered only now.
  times.revokedEarly = await ledger.revokeKey(revokedEarly.keyId);
  keySeq.lateKey = await ledger.registerKey(lateKey);
  seq.afterRevocation = await ledger.issue(sign(10, revokedEarly));
  await ledger.anchor();
  // Revoked after its credential's batch was anchored.
  times.revokedLate = await ledger.revokeKey(revokedLate.keyId);

  const bundle = async (name: string, credential: number, key?: number, format?: 'stackledger-proof/1') => {
    bundles[name] = await ledger.bundle(credential, key, format);
    save(name, bundles[name]);
  };
  await bundle('valid', seq.valid, keySeq.a);
  await bundle('changed', seq.changed, keySeq.a);
  await bundle('thief', seq.thief, keySeq.a);
  await bundle('stolenPop', seq.stolenPop, keySeq.stolenPop);
  await bundle('revokedLater', seq.revokedLater, keySeq.revokedLate);
  await bundle('revokedBefore', seq.afterRevocation, keySeq.revokedEarly);
  await bundle('lateKey', seq.lateKey, keySeq.lateKey);
  await bundle('unsigned', seq.unsigned, undefined, 'stackledger-proof/1');
  await bundle('unsignedV2', seq.unsigned);
  await bundle('b', seq.b, keySeq.b);
  await bundle('c', seq.c, keySeq.c);
  const tampered = structuredClone(bundles.valid) as any;
  tampered.issuerKey.event.data.registeredAt = '2020-01-01T00:00:00.000Z';
  save('keyEventTampered', tampered);
}, 180_000);

afterAll(async () => {
  await Promise.all([ledger?.close(), dns?.close(), silentDns?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (name: string, ...extra: string[]) =>
  runLedger(['verify', files[name], '--rpc', ledger.rpcUrl, '--contract', ledger.contract, ...extra]);
const verifyJson = async (name: string, ...extra: string[]) => {
  const run = await verify(name, '--json', ...extra);
  return { code: run.code, report: JSON.parse(run.stdout), stderr: run.stderr };
};

describe('ledger verify: signed credentials (stackledger-proof/2)', () => {
  it('valid signed credential -> exit 0, signature verified, the issuer named as it signed', async () => {
    const run = await verify('valid');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^VALID: the credential is recorded in ledger event \d+, .*; signed by University of A \(uni-a\.example\) with its registered key did:key:z6Mk/,
    );
    for (const text of [
      "issuer name    University of A (signed by the issuer's key)",
      'issuer domain  uni-a.example',
      `signature      verified: eddsa-jcs-2022 by ${a.keyId}`,
      'dns            unchecked (--check-dns looks it up)',
    ]) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).toMatch(/signing key {4}registered \S+Z \(ledger event \d+, batch 0, anchored \S+Z\); not revoked/);
  });

  it('the document changed after signing (then recorded and anchored) -> bad-signature, exit 7', async () => {
    const { code, report } = await verifyJson('changed');
    expect(code).toBe(7);
    expect(report).toMatchObject({ verdict: 'bad-signature', code: 'BAD_SIGNATURE', signature: { status: 'failed' }, exitCode: 7 });
  });

  it.each([
    ['thief', 'a proof by a key other than the registered one', 'bad-signature', 'KEY_MISMATCH', 7],
    ['stolenPop', 'a key registered with a proof of possession made by another key', 'bad-signature', 'BAD_PROOF_OF_POSSESSION', 7],
    ['lateKey', 'a key registered in a later batch than the credential', 'bad-signature', 'KEY_REGISTERED_LATER', 7],
    ['keyEventTampered', 'the key registration event changed in the bundle', 'tampered', 'KEY_LEAF_MISMATCH', 1],
    ['revokedBefore', 'a key revoked on chain before the credential was anchored', 'key-revoked', 'KEY_REVOKED', 8],
  ])('%s: %s -> %s (%s), exit %d', async (name, _what, verdict, code, exit) => {
    const run = await verifyJson(name);
    expect({ exit: run.code, verdict: run.report.verdict, code: run.report.code }).toEqual({ exit, verdict, code });
  });

  it('a key revoked on chain AFTER the credential was anchored -> still valid, the revocation reported (chain time decides)', async () => {
    expect(times.revokedLate).toBeGreaterThan(times.credentialBatch);
    const { code, report } = await verifyJson('revokedLater');
    expect(code).toBe(0);
    expect(report).toMatchObject({
      verdict: 'valid',
      signature: { status: 'verified', key: { revokedAt: new Date(times.revokedLate * 1000).toISOString() } },
    });
    expect((await verify('revokedLater')).stdout).toContain(`; revoked on chain at ${new Date(times.revokedLate * 1000).toISOString()}`);
  });

  it('an unsigned /1 bundle -> valid with signature none; --require-signature -> unsigned, exit 10', async () => {
    const plain = await verifyJson('unsigned');
    expect(plain).toMatchObject({ code: 0, report: { verdict: 'valid', signature: { status: 'none' }, dns: { status: 'unchecked' } } });
    const required = await verify('unsigned', '--require-signature');
    expect(required.code).toBe(10);
    expect(required.stdout).toMatch(
      /^UNSIGNED: a signature was required, but the credential carries none \(otherwise the credential is recorded/,
    );
    expect((await verify('valid', '--require-signature')).code).toBe(0);
  });

  it("an operator's forgery (an unsigned credential in a keyed issuer's name, appended straight to the store and anchored) in a /2 bundle -> signature none; --require-signature refuses it", async () => {
    expect(bundles.unsignedV2).toMatchObject({ format: 'stackledger-proof/2', credential: { issuerId: a.issuerId } });
    expect((bundles.unsignedV2 as { issuerKey?: unknown }).issuerKey).toBeUndefined();
    expect(await verifyJson('unsignedV2', '--require-signature')).toMatchObject({
      code: 10,
      report: { verdict: 'unsigned', signature: { status: 'none' } },
    });
  });
});

describe('ledger verify --check-dns against a DNS server on 127.0.0.1', () => {
  const withDns = (name: string, server: TxtDnsServer, ...extra: string[]) =>
    verifyJson(name, '--check-dns', '--dns-server', server.address, ...extra);

  it('the domain lists the key -> dns confirmed; --require-dns passes', async () => {
    const { code, report } = await withDns('valid', dns, '--require-dns');
    expect(code).toBe(0);
    expect(report).toMatchObject({
      verdict: 'valid',
      dns: { status: 'confirmed', domain: 'uni-a.example', name: '_stackledger.uni-a.example' },
    });
    expect(dns.queries).toContain('_stackledger.uni-a.example/16');
  });

  it.each([
    ['b', 'the record names another key', 'KEY_NOT_LISTED'],
    ['c', 'no record', 'NO_TXT_RECORDS'],
  ])('%s: %s -> dns not-confirmed (%s), valid; with --require-dns -> dns-not-confirmed, exit 11', async (name, _what, reason) => {
    expect(await withDns(name, dns)).toMatchObject({ code: 0, report: { verdict: 'valid', dns: { status: 'not-confirmed', reason } } });
    const required = await withDns(name, dns, '--require-dns');
    expect(required).toMatchObject({ code: 11, report: { verdict: 'dns-not-confirmed', code: 'DNS_NOT_CONFIRMED', dns: { reason } } });
  });

  it('the DNS server never answers -> not-confirmed (LOOKUP_FAILED) within the timeout, no hang; --require-dns -> exit 11', async () => {
    const started = Date.now();
    const run = await withDns('valid', silentDns, '--timeout', '1500');
    expect(run).toMatchObject({ code: 0, report: { verdict: 'valid', dns: { status: 'not-confirmed', reason: 'LOOKUP_FAILED' } } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await withDns('valid', silentDns, '--timeout', '1500', '--require-dns')).code).toBe(11);
  });

  it('nothing listening at --dns-server -> not-confirmed (LOOKUP_FAILED)', async () => {
    const closed = await runLedger([
      'verify',
      files.valid,
      '--rpc',
      ledger.rpcUrl,
      '--contract',
      ledger.contract,
      '--json',
      '--dns-server',
      `127.0.0.1:${await freePort()}`,
      '--timeout',
      '1500',
    ]);
    expect(closed.code).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ verdict: 'valid', dns: { status: 'not-confirmed', reason: 'LOOKUP_FAILED' } });
  });

  it('--require-dns on an unsigned credential -> exit 11: there is no key for DNS to confirm', async () => {
    expect(await verifyJson('unsigned', '--require-dns', '--dns-server', dns.address)).toMatchObject({
      code: 11,
      report: { dns: { status: 'unchecked', reason: 'UNSIGNED' } },
    });
  });
});

describe('ledger verify --signature-only (no chain)', () => {
  const vector = join(__dirname, '..', '..', 'libs', 'data-integrity', 'test-vectors', 'signedJCS.json');

  it("the W3C specification's signed credential -> SIGNATURE VERIFIED, exit 0; a changed copy -> BAD-SIGNATURE, exit 7", async () => {
    const ok = await runLedger(['verify', '--signature-only', vector]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(
      /^SIGNATURE VERIFIED: the eddsa-jcs-2022 proof verifies: signed by did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\. This shows only who signed it/,
    );
    const changed = JSON.parse(readFileSync(vector, 'utf8'));
    changed.credentialSubject.alumniOf = 'The School of Forgery';
    save('vector-changed', changed);
    const bad = await runLedger(['verify', '--signature-only', files['vector-changed'], '--json']);
    expect(bad.code).toBe(7);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      verdict: 'bad-signature',
      code: 'BAD_SIGNATURE',
      failure: 'BAD_SIGNATURE',
      exitCode: 7,
    });
  });

  it('a StackLedger bundle checks its credential; a changed one fails; an unsigned one -> exit 10', async () => {
    expect((await runLedger(['verify', '--signature-only', files.valid])).code).toBe(0);
    expect((await runLedger(['verify', '--signature-only', files.changed])).code).toBe(7);
    const unsigned = await runLedger(['verify', '--signature-only', files.unsigned]);
    expect(unsigned.code).toBe(10);
    expect(unsigned.stdout).toBe('UNSIGNED: the document has no proof\n');
  });
});
