import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairFromKeyFile, nobleBackend, didKeyFromPublicKey } from '@stackledger/data-integrity';
import { run } from '../main';

/** `ledger keys generate` in process, writing real files in a temporary folder. */
async function ledger(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger keys generate', () => {
  it('writes a key file readable by its owner only, whose key is its did:key; prints the DNS record to publish', async () => {
    const file = join(dir, 'issuer.key.json');
    const r = await ledger('keys', 'generate', '--out', file, '--domain', 'IITM.ac.in');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    const pair = keyPairFromKeyFile(nobleBackend, text); // refuses a file whose keys do not match
    const keyId = didKeyFromPublicKey(pair.publicKey);
    expect(JSON.parse(text)).toMatchObject({ type: 'StackLedgerIssuerKey', keyId });
    expect(r.out).toContain(`key id  ${keyId}`);
    expect(r.out).toContain(`_stackledger.iitm.ac.in.  3600  IN  TXT  "stackledger-key=${keyId}"`);
    expect(r.out).not.toContain(JSON.parse(text).secretKeyMultibase);
  });

  it('two runs make two different keys', async () => {
    const [a, b] = [join(dir, 'a.json'), join(dir, 'b.json')];
    await ledger('keys', 'generate', '--out', a);
    await ledger('keys', 'generate', '--out', b);
    expect(JSON.parse(readFileSync(a, 'utf8')).keyId).not.toBe(JSON.parse(readFileSync(b, 'utf8')).keyId);
  });

  it('refuses to overwrite an existing file (exit 73, the file untouched); --force replaces it, mode 0600, no temporary file left', async () => {
    const file = join(dir, 'issuer.key.json');
    writeFileSync(file, 'the old key', { mode: 0o644 });
    const refused = await ledger('keys', 'generate', '--out', file);
    expect(refused).toMatchObject({ code: 73, out: '' });
    expect(refused.err).toBe(
      `ledger keys generate: ${file} exists: refusing to overwrite a key file (--force replaces it, and the old key is lost)`,
    );
    expect(readFileSync(file, 'utf8')).toBe('the old key');

    const forced = await ledger('keys', 'generate', '--out', file, '--force', '--json');
    expect(forced.code).toBe(0);
    const report = JSON.parse(forced.out);
    expect(report).toEqual({
      keyId: JSON.parse(readFileSync(file, 'utf8')).keyId,
      file,
      dnsRecord: { name: '_stackledger.<your-domain>.', type: 'TXT', value: `stackledger-key=${report.keyId}` },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['issuer.key.json']);
  });

  it('a folder that does not exist -> exit 73 with the reason', async () => {
    const r = await ledger('keys', 'generate', '--out', join(dir, 'missing', 'k.json'));
    expect(r).toMatchObject({ code: 73, err: expect.stringContaining('no such folder') });
  });
});
