import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dnsBinding, didKeyFromPublicKey, dohTxtResolver, generateKeyPair, nobleBackend, txtOfAnswer } from '@stackledger/data-integrity';

const keyA = didKeyFromPublicKey(generateKeyPair(nobleBackend).publicKey);
const keyB = didKeyFromPublicKey(generateKeyPair(nobleBackend).publicKey);

/** dns-json answers by name, as Cloudflare writes TXT data (quoted character-strings). */
const answers: Record<string, unknown> = {
  '_stackledger.uni.example': {
    Status: 0,
    Answer: [
      { name: '_stackledger.uni.example', type: 5, TTL: 60, data: 'alias.example.' },
      { name: '_stackledger.uni.example', type: 16, TTL: 60, data: `"stackledger-key=${keyA}"` },
      { name: '_stackledger.uni.example', type: 16, TTL: 60, data: `"stackledger-key=${keyB.slice(0, 30)}" "${keyB.slice(30)}"` },
    ],
  },
  '_stackledger.google.example': {
    Status: 0,
    Answer: [{ name: '_stackledger.google.example.', type: 16, TTL: 60, data: `stackledger-key=${keyA}` }],
  },
  '_stackledger.nodata.example': { Status: 0 },
  '_stackledger.servfail.example': { Status: 2 },
};

describe('DNS-over-HTTPS JSON adapter against a local HTTP server', () => {
  let server: Server;
  let endpoint: string;
  const requests: Array<{ url: string; accept: string | undefined }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push({ url: req.url ?? '', accept: req.headers.accept });
      const name = url.searchParams.get('name') ?? '';
      if (name === '_stackledger.slow.example') return; // never answers
      if (name === '_stackledger.http500.example') return void res.writeHead(500).end();
      if (name === '_stackledger.garbage.example') return void res.writeHead(200, { 'content-type': 'application/dns-json' }).end('<html>');
      res.writeHead(200, { 'content-type': 'application/dns-json' });
      res.end(JSON.stringify(answers[name] ?? { Status: 3 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dns-query`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('asks ?name=…&type=TXT with accept application/dns-json, reads quoted and bare data, skips non-TXT answers', async () => {
    const resolver = dohTxtResolver({ endpoint });
    expect(await resolver.resolveTxt('_stackledger.uni.example')).toEqual([`stackledger-key=${keyA}`, `stackledger-key=${keyB}`]);
    expect(requests.at(-1)).toEqual({ url: '/dns-query?name=_stackledger.uni.example&type=TXT', accept: 'application/dns-json' });
    expect(await dnsBinding('uni.example', keyB, resolver)).toMatchObject({ status: 'confirmed', keyIds: [keyA, keyB] });
    expect(await dnsBinding('google.example', keyA, resolver)).toMatchObject({ status: 'confirmed' });
  });

  it('gives nothing for NXDOMAIN and NODATA, and a lookup failure for SERVFAIL, HTTP errors, garbage and silence', async () => {
    const resolver = dohTxtResolver({ endpoint, timeoutMs: 500 });
    expect(await dnsBinding('missing.example', keyA, resolver)).toMatchObject({ reason: 'NO_TXT_RECORDS' });
    expect(await dnsBinding('nodata.example', keyA, resolver)).toMatchObject({ reason: 'NO_TXT_RECORDS' });
    expect(await dnsBinding('servfail.example', keyA, resolver)).toMatchObject({
      reason: 'LOOKUP_FAILED',
      message: expect.stringContaining('RCODE_2'),
    });
    expect(await dnsBinding('http500.example', keyA, resolver)).toMatchObject({
      reason: 'LOOKUP_FAILED',
      message: expect.stringContaining('HTTP_500'),
    });
    expect(await dnsBinding('garbage.example', keyA, resolver)).toMatchObject({ reason: 'LOOKUP_FAILED' });
    const started = Date.now();
    expect(await dnsBinding('slow.example', keyA, resolver)).toMatchObject({
      reason: 'LOOKUP_FAILED',
      message: expect.stringContaining('TIMEOUT'),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('decodes presentation-form escapes', () => {
    const body = (data: string) => ({ Status: 0, Answer: [{ type: 16, data }] });
    expect(txtOfAnswer(body('"a\\"b" "c\\\\d"'))).toEqual(['a"bc\\d']);
    expect(txtOfAnswer(body('"caf\\195\\169"'))).toEqual(['café']);
    expect(() => txtOfAnswer(body('"unterminated'))).toThrow(/unterminated/);
    expect(() => txtOfAnswer({ Status: 0, Answer: {} })).toThrow();
    expect(() => txtOfAnswer(null)).toThrow();
  });
});
