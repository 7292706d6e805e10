import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VERIFY_PAGE_CSS } from './verify-page.style';
import { CONFIG_ELEMENT_ID, EMPTY_CONFIG_BLOCK, verifyPageHtml } from './verify-page.template';

/**
 * Builds the verify page as ONE self-contained HTML file: the browser entry and the verifier
 * library bundled by esbuild (tree-shaken, minified, inlined), the CSS inlined, and a
 * Content-Security-Policy that allows exactly that script and style (by hash), WebAssembly (the
 * keccak of @stackledger/merkle), and fetch to any http(s) RPC and DNS-over-HTTPS endpoint the employer
 * chooses (the form takes https only for the latter, or http to this machine); nothing else loads.
 */
export const ENTRY = join('apps', 'verify-page', 'src', 'verify-page.entry.ts');
export const STATIC_PAGE = join('dist', 'verify', 'stackledger-verify.html');

/** The repository root: the nearest folder above `from` holding the page's entry source. */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ENTRY)) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find ${ENTRY} above ${from}`);
  }
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for a page whose only script and style are these texts. */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'connect-src http: https:',
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface BuiltPage {
  readonly html: string;
  /** Bytes of the inlined script. */
  readonly scriptBytes: number;
}

/** Bundles the browser entry with esbuild's JS API (in memory) and assembles the page. */
export async function buildVerifyPage(root: string = findRepoRoot()): Promise<BuiltPage> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    tsconfig: 'tsconfig.json',
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  // Inline scripts end at the first "</script" anywhere, strings included.
  const script = out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script').trimEnd();
  const style = VERIFY_PAGE_CSS;
  const html = verifyPageHtml({ script, style, csp: contentSecurityPolicy(script, style) });
  return { html, scriptBytes: Buffer.byteLength(script) };
}

/** The page from the prebuilt static file (`npm run build:verify-page`), when esbuild is not installed. */
export function readPrebuiltPage(root: string): string | undefined {
  const file = join(root, STATIC_PAGE);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The policy the page carries in its meta tag, to send as the HTTP header too. */
export function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (!match) throw new Error('the verify page carries no Content-Security-Policy');
  return match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The page with chain settings written into its JSON data block (escaped so it can never close the block). */
export function withChainConfig(
  html: string,
  config: { rpcUrls: readonly string[]; contract: string; chainId?: number; dohEndpoint?: string },
): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  const block = `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${json}</script>`;
  return html.replace(EMPTY_CONFIG_BLOCK, () => block);
}
