import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { buildVerifyPage, findRepoRoot } from '../../apps/verify-page/src/build-verify-page';
import { issueCredential, registerIssuer } from '../e2e/support/ledger-fixtures';
import { startTestApp, tempDataDir, type TestApp } from '../e2e/support/test-app';
import { deployTestAnchor } from '../support/test-chain';
import { RpcProxy } from '../reliability/support/rpc-proxy';
import { saysRoot } from '../cli/support/lying-rpc';
import { issuerKit, keyPairOf, signCredential, unsignedCredential, withKey } from '../../libs/verifier/src/testing/signed-bundle.fixtures';
import { SignedLedger } from '../support/signed-ledger';
import { startDohJsonServer, type DohJsonServer } from './support/doh-json-server';
import { CHROMIUM, haveChromium, launchChromium, verifyIn } from './support/page-driver';
import { freePort } from '../../scripts/local-chain';

/**
 * The verify page end to end in headless Chromium: the real API in process on a real chain
 * issues and anchors a credential; the page, served at /verify and opened as the static file,
 * verifies it IN THE BROWSER over JSON-RPC and must never call the API to do so.
 *
 * Signed credentials (`stackledger-proof/2`) come from a real SQLite ledger anchored by the
 * API's AnchoringJob, and the issuer's DNS binding from a DNS-over-HTTPS JSON server on 127.0.0.1.
 *
 * Screenshots go to a temporary folder; STACKLEDGER_UPDATE_DOCS=1 also copies them to docs/
 * (docs/verify-valid.png, docs/verify-tampered.png, docs/verify-signed.png, shown in the README).
 */
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED test/browser/verify-page.e2e.spec.ts: ${CHROMIUM} is absent (apt-get install chromium; CI installs it)`);
}

jest.setTimeout(120_000);

async function shoot(page: Page, shots: string, name: string): Promise<void> {
  const file = join(shots, name);
  await page.screenshot({ path: file, fullPage: true });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  if (process.env.STACKLEDGER_UPDATE_DOCS === '1') copyFileSync(file, join(findRepoRoot(), 'docs', name));
}

(haveChromium ? describe : describe.skip)('the verify page in headless Chromium', () => {
  const data = tempDataDir('verify-page');
  const shots = mkdtempSync(join(tmpdir(), 'stackledger-shots-'));
  const profile = mkdtempSync(join(tmpdir(), 'stackledger-chromium-'));
  let api: TestApp;
  let chain: { rpcUrl: string; contract: string };
  let context: BrowserContext;
  let page: Page;
  let bundle: any;
  let badge: any;
  let staticFile: string;
  let second: RpcProxy;
  let liar: RpcProxy;
  const apiRequests: string[] = [];

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    chain = { rpcUrl: deployed.rpcUrl, contract: deployed.record.address };
    const env = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, env));
    const issuer = await registerIssuer(api.http, api.adminKey, 'IIT Madras Online');
    const credential = await issueCredential(api.http, issuer.apiKey, 'APAAR-100200300400', {
      title: 'Foundations of Data Analytics',
      skills: ['sql', 'statistics'],
      credits: '4.5',
      hours: 135,
      level: 4.5,
    });
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
    bundle = (await api.http.get(`/v1/credentials/${credential.id}/proof`)).body;
    badge = (await api.http.get(`/v1/credentials/${credential.id}/openbadge`)).body;
    expect(bundle.format).toBe('stackledger-proof/1');

    [second, liar] = await Promise.all([RpcProxy.start(chain.rpcUrl), RpcProxy.start(chain.rpcUrl)]);
    liar.onAnswer(saysRoot(`0x${'77'.repeat(32)}`));
    staticFile = join(shots, 'stackledger-verify.html');
    writeFileSync(staticFile, (await buildVerifyPage(findRepoRoot())).html);

    context = await launchChromium(profile);
    page = context.pages()[0] ?? (await context.newPage());
    context.on('request', (r) => {
      if (r.url().startsWith(api.http.baseUrl) && !r.url().endsWith('/verify')) apiRequests.push(r.url());
    });
  });

  afterAll(async () => {
    await Promise.all([second?.close(), liar?.close()]);
    await context?.close();
    await api?.close();
    data.remove();
    rmSync(shots, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  const screenshot = (name: string) => shoot(page, shots, name);

  it('GET /verify: HTML with a strict CSP (any http(s) RPC, nothing else external) and the chain prefilled', async () => {
    const response = await page.goto(`${api.http.baseUrl}/verify`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('connect-src http: https:');
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await page.inputValue('#rpc')).toBe(chain.rpcUrl);
    expect(await page.inputValue('#contract')).toBe(chain.contract);
    expect(await page.textContent('#chain-hint')).toContain('Prefilled');
  });

  it('the anchored bundle -> valid, with the facts read against the chain; the API is never called', async () => {
    expect(await verifyIn(page, bundle)).toBe('valid');
    const facts = await page.textContent('#facts');
    for (const text of [
      'APAAR-100200300400',
      'Foundations of Data Analytics',
      '4.5',
      bundle.credential.issuerId,
      bundle.anchor.txHash,
      `${bundle.anchor.blockNumber}`,
    ]) {
      expect(facts).toContain(text);
    }
    expect(facts).toMatch(/Anchored at\d{4}-\d{2}-\d{2}T/);
    expect(await page.textContent('#verdict-title')).toMatch(/^Valid/);
    expect(await page.getAttribute('#verdict', 'class')).toContain('verdict-valid');
    await screenshot('verify-valid.png');
    expect(apiRequests).toEqual([]);
  });

  it('credits changed -> tampered, the reason said and the facts marked as claims', async () => {
    const forged = structuredClone(bundle);
    forged.credential.credits = '40.5';
    expect(await verifyIn(page, forged)).toBe('tampered');
    expect(await page.textContent('#verdict-reason')).toContain('The credential shown differs from the one recorded in the ledger event');
    expect(await page.textContent('#facts-note')).toContain('CLAIMS');
    await screenshot('verify-tampered.png');
  });

  it('the Open Badges 3.0 form -> valid; with its name changed -> tampered', async () => {
    expect(await verifyIn(page, badge)).toBe('valid');
    expect(await page.textContent('#facts')).toContain('IIT Madras Online (as the Open Badge states it');
    const renamed = structuredClone(badge);
    renamed.credentialSubject.achievement.name = 'Advanced Machine Learning';
    expect(await verifyIn(page, renamed)).toBe('tampered');
    expect(await page.textContent('#verdict-reason')).toContain('credentialSubject.achievement.name');
  });

  it('clear messages without stack traces: empty input, not JSON, bad contract, dead RPC', async () => {
    await page.fill('#bundle', '');
    await page.click('#verify-button');
    expect(await page.textContent('#bundle-error')).toContain('Paste the proof bundle');
    expect(await page.isHidden('#result')).toBe(true);

    expect(await verifyIn(page, '{"format": "stackledger-proof/1",')).toBe('tampered');
    expect(await page.textContent('#verdict-reason')).toMatch(/^Malformed bundle: the text is not JSON/);

    await page.fill('#contract', '0x1234');
    await page.click('#verify-button');
    expect(await page.textContent('#contract-error')).toContain('is not a contract address');

    await page.fill('#contract', chain.contract);
    await page.fill('#rpc', 'http://127.0.0.1:1/');
    expect(await verifyIn(page, bundle)).toBe('unreachable');
    expect(await page.textContent('#verdict-reason')).toMatch(/^The chain could not be read: all 1 RPC endpoint\(s\) failed/);
    const shown = await page.textContent('main');
    expect(shown).not.toMatch(/\bat \S+ \(|\.ts:\d+|Error:/);
  });

  it('two RPC URLs that agree -> valid, read at one block through both', async () => {
    await page.goto(`${api.http.baseUrl}/verify`);
    await page.fill('#rpc', `${chain.rpcUrl}\n${second.url}`);
    expect(await verifyIn(page, bundle)).toBe('valid');
    expect(await page.textContent('#facts-note')).toMatch(
      /Read at block \d+ through RPC #1 http:\/\/127\.0\.0\.1:\d+ and RPC #2 http:\/\/127\.0\.0\.1:\d+\./,
    );
  });

  it('a lying RPC listed first -> inconsistent, shown with what each RPC said, the facts marked as claims', async () => {
    await page.fill('#rpc', `${liar.url}\n${chain.rpcUrl}`);
    expect(await verifyIn(page, bundle)).toBe('inconsistent');
    expect(await page.getAttribute('#verdict', 'class')).toContain('verdict-inconsistent');
    expect(await page.textContent('#verdict-title')).toMatch(/^Inconsistent: the RPC servers disagree/);
    expect(await page.textContent('#verdict-reason')).toMatch(/^The RPC endpoints disagree on batch\(\d+\) at block \d+; each said:$/);
    const answers = await page.$$eval('#disagreement li', (items) => items.map((li) => li.textContent));
    expect(answers).toEqual([
      expect.stringMatching(new RegExp(`^RPC #1 .* says root 0x${'77'.repeat(32)} over`)),
      expect.stringMatching(new RegExp(`^RPC #2 .* says root ${bundle.merkle.batch.root} over`)),
    ]);
    expect(await page.textContent('#facts-note')).toContain('CLAIMS');
    await screenshot('verify-inconsistent.png');
  });

  it('one of two RPCs down -> unreachable (one cannot decide); the disagreement list is cleared', async () => {
    await page.fill('#rpc', `http://127.0.0.1:1/\n${chain.rpcUrl}`);
    expect(await verifyIn(page, bundle)).toBe('unreachable');
    expect(await page.textContent('#verdict-reason')).toMatch(/only 1 of 2 RPC endpoints answered/);
    expect(await page.isHidden('#disagreement')).toBe(true);
  });

  it('the chain id field pins the chain: another chain -> wrong-chain, not a number -> field error, the right one -> valid', async () => {
    await page.fill('#rpc', `${chain.rpcUrl}\n${second.url}`);
    await page.fill('#chain-id', '1');
    expect(await verifyIn(page, bundle)).toBe('wrong-chain');
    expect(await page.textContent('#verdict-reason')).toBe(
      `The bundle was anchored on chain ${bundle.anchor.chainId}, not on the pinned chain 1.`,
    );
    await page.fill('#chain-id', 'mainnet');
    await page.click('#verify-button');
    expect(await page.textContent('#chain-id-error')).toContain('is not a chain id');
    await page.fill('#chain-id', String(bundle.anchor.chainId));
    expect(await verifyIn(page, bundle)).toBe('valid');
    await page.fill('#chain-id', '');
    expect(apiRequests).toEqual([]);
  });

  it('the STATIC file from disk (file://), RPC and contract typed in -> valid', async () => {
    const local = await context.newPage();
    const errors: string[] = [];
    local.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await local.goto(pathToFileURL(staticFile).href);
    expect(await local.inputValue('#rpc')).toBe('');
    expect(await local.inputValue('#contract')).toBe('');
    expect(await local.textContent('#chain-hint')).toContain('Take the address from the operator');
    await local.fill('#rpc', chain.rpcUrl);
    await local.fill('#contract', chain.contract);
    expect(await verifyIn(local, bundle)).toBe('valid');
    expect(errors).toEqual([]);
    await local.close();
  });
});

(haveChromium ? describe : describe.skip)('the verify page on signed credentials (stackledger-proof/2), with DNS over HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stackledger-signed-page-'));
  const profile = mkdtempSync(join(tmpdir(), 'stackledger-chromium-'));
  const a = issuerKit(1, { name: 'University of A', domain: 'uni-a.example' });
  const b = issuerKit(2, { name: 'Institute of B', domain: 'uni-b.example' });
  const revoked = withKey(a, keyPairOf(22));
  const bundles: Record<string, unknown> = {};
  const errors: string[] = [];
  let ledger: SignedLedger;
  let doh: DohJsonServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ledger = await SignedLedger.open(dir);
    doh = await startDohJsonServer({
      '_stackledger.uni-a.example': [`stackledger-key=${a.keyId}`],
      '_stackledger.uni-b.example': [`stackledger-key=${a.keyId}`],
    });
    const keys = { a: await ledger.registerKey(a), b: await ledger.registerKey(b), revoked: await ledger.registerKey(revoked) };
    await ledger.anchor();
    const sign = (n: number, kit: typeof a) =>
      signCredential(
        unsignedCredential(n, kit, { title: `Foundations of Data Analytics ${n}` }),
        kit,
        new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      );
    const seq = {
      valid: await ledger.issue(sign(1, a)),
      changed: await ledger.issue({ ...sign(2, a), credits: '40' }),
      b: await ledger.issue(sign(3, b)),
      unsigned: await ledger.issue(unsignedCredential(4, a)),
    };
    await ledger.anchor();
    await ledger.revokeKey(revoked.keyId);
    const afterRevocation = await ledger.issue(sign(5, revoked));
    await ledger.anchor();
    bundles.valid = await ledger.bundle(seq.valid, keys.a);
    bundles.changed = await ledger.bundle(seq.changed, keys.a);
    bundles.b = await ledger.bundle(seq.b, keys.b);
    bundles.unsigned = await ledger.bundle(seq.unsigned, undefined, 'stackledger-proof/1');
    bundles.keyRevoked = await ledger.bundle(afterRevocation, keys.revoked);

    const file = join(dir, 'stackledger-verify.html');
    writeFileSync(file, (await buildVerifyPage(findRepoRoot())).html);
    context = await launchChromium(profile);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(file).href);
    await page.fill('#rpc', ledger.rpcUrl);
    await page.fill('#contract', ledger.contract);
  });

  afterAll(async () => {
    await context?.close();
    await Promise.all([ledger?.close(), doh?.close()]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  const facts = () => page.textContent('#facts');

  it('valid signed credential, DNS field empty -> valid: signature verified, issuer name and domain as signed, key status, DNS not checked', async () => {
    await page.fill('#doh', '');
    expect(await verifyIn(page, bundles.valid)).toBe('valid');
    const shown = await facts();
    expect(shown).toContain("University of A (signed by the issuer's key)");
    expect(shown).toContain('Issuer domainuni-a.example');
    expect(shown).toContain(`SignatureVerified: signed by ${a.keyId}`);
    expect(shown).toMatch(/Signing keyRegistered \S+Z \(ledger event \d+, anchored at \S+Z\); not revoked/);
    expect(shown).toContain('DNSNot checked (give a DNS-over-HTTPS endpoint to check it)');
    expect(doh.queries).toEqual([]);
  });

  it('with the DNS-over-HTTPS endpoint -> DNS confirmed, read in the browser under the page CSP', async () => {
    await page.fill('#doh', doh.endpoint);
    expect(await verifyIn(page, bundles.valid)).toBe('valid');
    expect(await facts()).toContain('DNSConfirmed: _stackledger.uni-a.example lists the signing key');
    expect(doh.queries).toEqual(['_stackledger.uni-a.example']);
    await shoot(page, dir, 'verify-signed.png');
  });

  it('a domain listing another key -> valid, DNS not confirmed (KEY_NOT_LISTED); a DNS endpoint down -> LOOKUP_FAILED', async () => {
    expect(await verifyIn(page, bundles.b)).toBe('valid');
    expect(await facts()).toContain('DNSNot confirmed (KEY_NOT_LISTED): _stackledger.uni-b.example does not list');
    await page.fill('#doh', `http://127.0.0.1:${await freePort()}/resolve`); // nothing listens there
    expect(await verifyIn(page, bundles.valid)).toBe('valid');
    expect(await facts()).toContain('DNSNot confirmed (LOOKUP_FAILED)');
    await page.fill('#doh', doh.endpoint);
  });

  it('changed after signing -> bad-signature; a key revoked before the credential was anchored -> key-revoked', async () => {
    expect(await verifyIn(page, bundles.changed)).toBe('bad-signature');
    expect(await page.textContent('#verdict-title')).toMatch(/^Bad signature/);
    expect(await page.textContent('#verdict-reason')).toMatch(/^The issuer's signature does not verify \(BAD_SIGNATURE\)/);
    expect(await page.getAttribute('#verdict', 'class')).toContain('verdict-bad-signature');
    expect(await verifyIn(page, bundles.keyRevoked)).toBe('key-revoked');
    expect(await page.textContent('#verdict-title')).toMatch(/^Key revoked/);
    expect(await page.textContent('#facts-note')).toContain('CLAIMS');
  });

  it('an unsigned /1 bundle -> valid with signature none', async () => {
    expect(await verifyIn(page, bundles.unsigned)).toBe('valid');
    expect(await facts()).toContain('SignatureNone: the credential carries no signature of its issuer');
  });

  it('a plain-http DNS endpoint elsewhere is refused in the field; the page logged no error (no CSP refusal)', async () => {
    await page.fill('#doh', 'http://dns.example/resolve');
    await page.click('#verify-button');
    expect(await page.textContent('#doh-error')).toContain('must be an https:// URL');
    await page.fill('#doh', doh.endpoint);
    // The one error logged is the refused connection to the endpoint that is down.
    expect(errors.filter((e) => !e.includes('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
  });
});

describe('GET /verify without a configured chain (no browser needed)', () => {
  it('serves the page with empty chain settings for the employer to fill in', async () => {
    const data = tempDataDir('verify-page-nochain');
    const api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, null);
    try {
      const page = await api.http.get('/verify');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<script type="application/json" id="stackledger-config">{}</script>');
      expect(page.text).toContain('<title>Verify a StackLedger credential</title>');
    } finally {
      await api.close();
      data.remove();
    }
  });
});
