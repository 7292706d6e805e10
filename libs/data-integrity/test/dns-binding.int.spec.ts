import { createSocket } from 'node:dgram';
import { dnsBinding, didKeyFromPublicKey, generateKeyPair, nobleBackend, normaliseDomain, listedKeyIds } from '@stackledger/data-integrity';
import { nodeTxtResolver } from '@stackledger/data-integrity/node';
import { startTxtDnsServer, type TxtDnsServer } from '../src/testing/txt-dns-server';

const keyA = didKeyFromPublicKey(generateKeyPair(nobleBackend).publicKey);
const keyB = didKeyFromPublicKey(generateKeyPair(nobleBackend).publicKey);
const keyC = didKeyFromPublicKey(generateKeyPair(nobleBackend).publicKey);

describe('DNS binding through a real DNS server on 127.0.0.1 (Node resolver, --dns-server)', () => {
  let server: TxtDnsServer;
  beforeAll(async () => {
    server = await startTxtDnsServer({
      '_stackledger.uni.example': [`stackledger-key=${keyA}`],
      '_stackledger.two-keys.example': ['v=spf1 -all', `stackledger-key=${keyA}`, `stackledger-key=${keyB}`],
      '_stackledger.other-key.example': [`stackledger-key=${keyB}`],
      '_stackledger.no-record.example': ['v=spf1 -all', 'stackledger=yes'],
      // A long record split into character-strings, as DNS stores anything over 255 bytes.
      '_stackledger.split.example': [[`stackledger-key=${keyA.slice(0, 20)}`, keyA.slice(20)]],
      'no-stackledger-name.example': [`stackledger-key=${keyA}`],
    });
  });
  afterAll(() => server.close());
  const resolver = () => nodeTxtResolver({ server: server.address, timeoutMs: 2_000 });

  it('confirms a key listed at _stackledger.<domain>, asking that name for TXT', async () => {
    expect(await dnsBinding('uni.example', keyA, resolver())).toEqual({
      status: 'confirmed',
      name: '_stackledger.uni.example',
      keyIds: [keyA],
    });
    expect(server.queries).toContain('_stackledger.uni.example/16');
  });

  it('confirms each of several keys, and a record split into character-strings', async () => {
    expect(await dnsBinding('two-keys.example', keyA, resolver())).toMatchObject({ status: 'confirmed', keyIds: [keyA, keyB] });
    expect(await dnsBinding('two-keys.example', keyB, resolver())).toMatchObject({ status: 'confirmed' });
    expect(await dnsBinding('split.example', keyA, resolver())).toMatchObject({ status: 'confirmed' });
    expect(await dnsBinding('Uni.Example.', keyA, resolver())).toMatchObject({ status: 'confirmed' });
  });

  it('does not confirm a key the domain does not list (another key, or a third one beside two)', async () => {
    expect(await dnsBinding('other-key.example', keyA, resolver())).toMatchObject({
      status: 'not-confirmed',
      reason: 'KEY_NOT_LISTED',
      keyIds: [keyB],
    });
    expect(await dnsBinding('two-keys.example', keyC, resolver())).toMatchObject({ status: 'not-confirmed', reason: 'KEY_NOT_LISTED' });
  });

  it('tells a name without a stackledger-key record from a domain without the _stackledger name', async () => {
    expect(await dnsBinding('no-record.example', keyA, resolver())).toMatchObject({
      status: 'not-confirmed',
      reason: 'NO_STACKLEDGER_RECORD',
    });
    expect(await dnsBinding('no-stackledger-name.example', keyA, resolver())).toMatchObject({
      status: 'not-confirmed',
      reason: 'NO_TXT_RECORDS',
    });
    expect(await dnsBinding('nowhere.example', keyA, resolver())).toMatchObject({ status: 'not-confirmed', reason: 'NO_TXT_RECORDS' });
  });

  it('refuses a bad domain or key id without asking DNS', async () => {
    const before = server.queries.length;
    expect(await dnsBinding('not a domain', keyA, resolver())).toMatchObject({ reason: 'INVALID_DOMAIN' });
    expect(await dnsBinding('-bad.example', keyA, resolver())).toMatchObject({ reason: 'INVALID_DOMAIN' });
    expect(await dnsBinding('uni.example', `${keyA}#x`, resolver())).toMatchObject({ reason: 'INVALID_KEY_ID' });
    expect(server.queries.length).toBe(before);
  });

  it('reports a server that never answers as a lookup failure within the timeout, not a hang', async () => {
    const silent = await startTxtDnsServer({}, { silent: true });
    try {
      const started = Date.now();
      const result = await dnsBinding('uni.example', keyA, nodeTxtResolver({ server: silent.address, timeoutMs: 600 }));
      expect(result).toMatchObject({ status: 'not-confirmed', reason: 'LOOKUP_FAILED', message: expect.stringContaining('ETIMEOUT') });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(silent.queries.length).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  it('reports a closed port as a lookup failure', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const started = Date.now();
    const result = await dnsBinding('uni.example', keyA, nodeTxtResolver({ server: `127.0.0.1:${port}`, timeoutMs: 600 }));
    expect(result).toMatchObject({ status: 'not-confirmed', reason: 'LOOKUP_FAILED' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a --dns-server that is not HOST:PORT with an IP address', () => {
    for (const bad of ['127.0.0.1', 'localhost:53', '127.0.0.1:0', '127.0.0.1:70000', '::1:53', '[127.0.0.1]:53']) {
      expect(() => nodeTxtResolver({ server: bad })).toThrow(/HOST:PORT/);
    }
    expect(() => nodeTxtResolver({ server: '[::1]:5353' })).not.toThrow();
  });
});

describe('DNS record rules', () => {
  it('reads stackledger-key= records only, trimming spaces', () => {
    expect(listedKeyIds([`stackledger-key=${keyA}`, ` stackledger-key= ${keyB} `, 'v=spf1', `Stackledger-Key=${keyC}`])).toEqual([
      keyA,
      keyB,
    ]);
  });

  it('normalises domains to lowercase ASCII host names', () => {
    expect(normaliseDomain('Uni.Example.')).toBe('uni.example');
    expect(normaliseDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    for (const bad of ['bücher.example', 'localhost', 'a..b', '_x.example', 'a'.repeat(64) + '.example', '', 7])
      expect(normaliseDomain(bad)).toBeUndefined();
  });
});
