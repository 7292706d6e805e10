import { createHash } from 'node:crypto';
import { buildVerifyPage, cspOf, withChainConfig } from './build-verify-page';

/** The single-file page: everything inline, allowed by hash, nothing external. */
describe('buildVerifyPage', () => {
  let html: string;
  let scriptBytes: number;

  beforeAll(async () => {
    ({ html, scriptBytes } = await buildVerifyPage());
  });

  const inline = (tag: 'script' | 'style') => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('inlines one script and one style, each allowed by its hash; no external src or href', () => {
    const [script, style] = [inline('script'), inline('style')];
    expect([script.length, style.length]).toEqual([1, 1]);
    const csp = cspOf(html);
    expect(csp).toContain(`script-src ${hash(script[0])} 'wasm-unsafe-eval'`);
    expect(csp).toContain(`style-src ${hash(style[0])}`);
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(src|href)=/);
  });

  it('is tree-shaken: the script stays far below a whole ethers bundle', () => {
    expect(scriptBytes).toBeLessThan(200 * 1024);
  });

  it('chain settings are written into the data block, escaped so they can never close it', () => {
    const served = withChainConfig(html, { rpcUrls: ['http://127.0.0.1:8545/</script><script>alert(1)</script>'], contract: '0xabc' });
    expect(served).toContain('"contract":"0xabc"');
    expect(served).toContain('\\u003c/script\\u003e');
    expect(inline('script').length).toBe(1);
    expect([...served.matchAll(/<script>/g)].length).toBe(1);
  });
});
