import { displayRpc, parseChainId, parseContract, parseDohEndpoint, parseRpcUrls, readConfig, readDocumentText } from './verify-page.form';

describe('verify page inputs', () => {
  it('reads pasted JSON (BOM and blanks tolerated); a non-JSON text is a malformed document, not a field error', () => {
    expect(readDocumentText('\uFEFF  {"a":1}\n')).toEqual({ ok: true, value: { json: true, value: { a: 1 } } });
    expect(readDocumentText('{"a":')).toMatchObject({
      ok: true,
      value: { json: false, reason: expect.stringMatching(/^the text is not JSON \(/) },
    });
    expect(readDocumentText('  ')).toMatchObject({ ok: false, error: expect.stringContaining('Paste the proof bundle') });
  });

  it('RPC URLs: one per line, http(s) only, each problem named', () => {
    expect(parseRpcUrls(' https://a.example/v2/KEY\nhttp://127.0.0.1:8545 ')).toEqual({
      ok: true,
      value: ['https://a.example/v2/KEY', 'http://127.0.0.1:8545'],
    });
    expect(parseRpcUrls('')).toMatchObject({ ok: false, error: expect.stringContaining('Enter the JSON-RPC URL') });
    expect(parseRpcUrls('rpc.example.org')).toMatchObject({ ok: false, error: expect.stringContaining('is not a URL') });
    expect(parseRpcUrls('wss://rpc.example.org')).toMatchObject({ ok: false, error: expect.stringContaining('only http:// and https://') });
  });

  it('the same RPC twice is refused: one node must not count as two that agree', () => {
    expect(parseRpcUrls('http://a.example\nhttp://b.example\nHTTP://A.EXAMPLE/')).toEqual({
      ok: false,
      error: 'URL 1 and URL 3 are the same: give each RPC once.',
    });
  });

  it('chain id: empty means not pinned; a whole number >= 1, else a message', () => {
    expect(parseChainId('  ')).toEqual({ ok: true, value: undefined });
    expect(parseChainId(' 31337 ')).toEqual({ ok: true, value: 31337 });
    for (const bad of ['0', '-1', '1.5', 'mainnet', '0x1'])
      expect(parseChainId(bad)).toMatchObject({ ok: false, error: expect.stringContaining('is not a chain id') });
  });

  it('contract: 20 bytes of hex, a wrong EIP-55 checksum caught, the checksummed form returned', () => {
    expect(parseContract('0x5fbdb2315678afecb367f032d93f642f64180aa3')).toEqual({
      ok: true,
      value: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    });
    expect(parseContract('0x5fbdb2315678afecb367f032d93f642f64180aA3')).toMatchObject({
      ok: false,
      error: expect.stringContaining('wrong checksum'),
    });
    expect(parseContract('0x1234')).toMatchObject({ ok: false, error: expect.stringContaining('not a contract address') });
    expect(parseContract('')).toMatchObject({ ok: false, error: expect.stringContaining('Enter the anchor contract address') });
  });

  it('DNS-over-HTTPS endpoint: empty means unchecked; https, or plain http only to this machine', () => {
    expect(parseDohEndpoint('  ')).toEqual({ ok: true, value: undefined });
    expect(parseDohEndpoint(' https://cloudflare-dns.com/dns-query ')).toEqual({ ok: true, value: 'https://cloudflare-dns.com/dns-query' });
    for (const local of ['http://127.0.0.1:8053/resolve', 'http://localhost:8053/resolve', 'http://[::1]:8053/resolve'])
      expect(parseDohEndpoint(local)).toEqual({ ok: true, value: local });
    expect(parseDohEndpoint('http://dns.example/resolve')).toMatchObject({
      ok: false,
      error: expect.stringContaining('must be an https:// URL'),
    });
    expect(parseDohEndpoint('ftp://dns.example/')).toMatchObject({ ok: false, error: expect.stringContaining('must be an https:// URL') });
    expect(parseDohEndpoint('dns.google')).toMatchObject({ ok: false, error: expect.stringContaining('is not a URL') });
    expect(readConfig('{"dohEndpoint":"https://dns.google/resolve"}')).toMatchObject({ dohEndpoint: 'https://dns.google/resolve' });
  });

  it('RPC URLs are displayed without user info, path or query; the config block tolerates garbage', () => {
    expect(displayRpc('https://user:pw@rpc.example.org/v2/SECRET?k=1', 0)).toBe('RPC #1 https://rpc.example.org/…');
    expect(readConfig('{"rpcUrls":["http://x",3],"contract":"0xabc"}')).toEqual({ rpcUrls: ['http://x'], contract: '0xabc' });
    expect(readConfig('not json')).toEqual({});
    expect(readConfig('{"rpcUrls":[],"contract":"0xabc","chainId":31337}')).toEqual({ rpcUrls: [], contract: '0xabc', chainId: 31337 });
    expect(readConfig('{"chainId":"1"}')).toEqual({ rpcUrls: undefined, contract: undefined });
  });
});
