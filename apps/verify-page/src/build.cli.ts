import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildVerifyPage, findRepoRoot, STATIC_PAGE } from './build-verify-page';

/**
 * `npm run build:verify-page`: writes the static verify page, one HTML file an employer can open
 * from disk (file://) with no server: the RPC URL and contract are typed in.
 */
async function main(): Promise<void> {
  const root = findRepoRoot();
  const file = join(root, STATIC_PAGE);
  const { html, scriptBytes } = await buildVerifyPage(root);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  process.stdout.write(`verify page: ${relative(process.cwd(), file)} (${kib(Buffer.byteLength(html))}, script ${kib(scriptBytes)})\n`);
}

main().catch((e) => {
  process.stderr.write(`build:verify-page failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
