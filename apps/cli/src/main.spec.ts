import { parseArgv } from './argv';
import { UsageError } from './cli-io';
import { run } from './main';

/** In-process runs of `ledger` (the chain is exercised in test/cli/verify.e2e.spec.ts). */
async function ledger(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('parseArgv', () => {
  const spec = {
    rpc: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    at: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;

  it('reads repeated, inline, boolean, short and positional arguments, and -- ends options', () => {
    expect(parseArgv(['a.json', '--rpc', 'u1', '--rpc=u2', '--json', '-h', '--', '--not-an-option'], spec)).toEqual({
      options: { rpc: ['u1', 'u2'], json: true, help: true },
      positionals: ['a.json', '--not-an-option'],
    });
  });

  it.each([
    [['--nope'], 'unknown option --nope'],
    [['--at'], '--at needs a value'],
    [['--at', '--json'], '--at needs a value'],
    [['--at', 'x', '--at', 'y'], '--at given twice'],
    [['--json=yes'], '--json takes no value'],
  ])('%j -> %s', (argv, message) => {
    expect(() => parseArgv(argv, spec)).toThrow(new UsageError(message));
  });
});

describe('ledger (in process)', () => {
  it('--help lists commands and exit codes; no command is a usage error', async () => {
    const help = await ledger('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('verify    verify a proof bundle');
    expect(help.out).toMatch(/ 64 {3}usage error/);
    expect((await ledger()).code).toBe(64);
  });

  it('verify --help documents every option and exit code', async () => {
    const help = await ledger('verify', '--help');
    expect(help.code).toBe(0);
    for (const text of [
      '--rpc URL',
      '--contract',
      '--chain-id N',
      '--max-lag BLOCKS',
      '--json',
      '--at ISO-TIME',
      '--timeout',
      '--require-signature',
      '--check-dns',
      '--dns-server HOST:PORT',
      '--require-dns',
      '--signature-only',
      '1   tampered',
      '6   unreachable',
      '9   inconsistent',
      '10   unsigned',
      '11   dns-not-confirmed',
    ]) {
      expect(help.out).toContain(text);
    }
    expect(help.out).toMatch(/ 7 {3}bad-signature {2}the issuer's signature does not verify/);
    expect(help.out).toMatch(/ 8 {3}key-revoked {4}the signing key was revoked on chain at or before/);
    expect(help.out).not.toContain('SPEC');
    expect((await ledger('help', 'verify')).out).toBe(help.out);
  });

  it.each([
    [['frob'], 'unknown command "frob"'],
    [['verify', '--rpc', 'http://x', '--contract', CONTRACT], 'missing BUNDLE.json'],
    [['verify', 'a.json', 'b.json', '--rpc', 'http://x', '--contract', CONTRACT], 'one bundle at a time'],
    [['verify', 'a.json', '--contract', CONTRACT], 'missing --rpc URL'],
    [['verify', 'a.json', '--rpc', 'not a url', '--contract', CONTRACT], '--rpc not a url is not a URL'],
    [['verify', 'a.json', '--rpc', 'ws://x', '--contract', CONTRACT], 'only http:// and https://'],
    [['verify', 'a.json', '--rpc', 'http://x'], 'missing --contract ADDRESS'],
    [['verify', 'a.json', '--rpc', 'http://x', '--contract', '0x5fbdb2315678afecb367f032d93f642f64180aA3'], 'wrong checksum'],
    [['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--at', '31/01/2030'], 'not an ISO-8601 time'],
    [['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--at', '2030-01-31T12:00:00'], 'not an ISO-8601 time'],
    [['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--timeout', '0'], '--timeout 0 must be milliseconds'],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--rpc', 'http://y', '--rpc', 'http://X/', '--contract', CONTRACT],
      '--rpc #1 and #3 are the same URL',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--chain-id', '0'],
      '--chain-id 0 must be a whole number of at least 1',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--chain-id', 'mainnet'],
      '--chain-id mainnet must be a whole number',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--max-lag', '-1'],
      '--max-lag -1 must be a whole number of at least 0',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--dns-server', 'ns.example:53'],
      '--dns-server ns.example:53 must be HOST:PORT with an IP address',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--dns-server', '127.0.0.1'],
      '--dns-server 127.0.0.1 must be HOST:PORT',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--dns-server', '[::1]:0'],
      '--dns-server [::1]:0 must be HOST:PORT',
    ],
    [
      ['verify', 'a.json', '--rpc', 'http://x', '--contract', CONTRACT, '--dns-server', '300.1.1.1:53'],
      'must be HOST:PORT with an IP address',
    ],
    [
      ['verify', '--signature-only', 'a.json', '--rpc', 'http://x'],
      "--signature-only checks the document's own proof without a chain or DNS: drop --rpc",
    ],
    [['verify', '--signature-only', 'a.json', '--require-dns'], 'drop --require-dns'],
    [['keys'], 'missing the action: ledger keys generate --out FILE'],
    [['keys', 'rotate'], 'unknown action "rotate"'],
    [['keys', 'generate'], 'missing --out FILE'],
    [['keys', 'generate', '--out', '/tmp/x.json', '--domain', 'not a domain'], '--domain not a domain is not a domain name'],
  ])('%j -> exit 64: %s', async (argv, message) => {
    const r = await ledger(...argv);
    expect(r).toMatchObject({ code: 64, out: '' });
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('an unreadable bundle file -> exit 66, also as JSON', async () => {
    const r = await ledger('verify', '/nonexistent/b.json', '--rpc', 'http://127.0.0.1:1', '--contract', CONTRACT, '--json');
    expect(r.code).toBe(66);
    expect(JSON.parse(r.out)).toEqual({
      error: { code: 'INPUT_UNREADABLE', message: 'cannot read /nonexistent/b.json: no such file' },
      exitCode: 66,
    });
  });
});
