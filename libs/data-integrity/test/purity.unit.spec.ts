import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The browser-safe part (everything under src/ except the node-only `*.node.ts` files, the
 * `node.ts` entry and `testing/`) runs in the verify page: no Node built-in, no import of a
 * node-only file, and only the audited libraries and our merkle library from outside.
 */
const SRC = join(__dirname, '..', 'src');
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|net$|http$|https$|crypto$|url$|util$|events$|stream$|buffer$|dns$|dgram$)/;
const ALLOWED_PACKAGES = ['@noble/curves/ed25519', '@noble/hashes/sha2', '@scure/base', '@stackledger/merkle'];

const isNodeOnly = (file: string) => file.endsWith('.node.ts') || file === 'node.ts';
const browserSafe = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !isNodeOnly(f));
const importsOf = (file: string) => [...readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)].map((m) => m[1]);

describe('libs/data-integrity browser-safe files', () => {
  it('exist, and the node-only ones are only the node entry and *.node.ts', () => {
    expect(browserSafe).toContain('index.ts');
    expect(
      readdirSync(SRC)
        .filter((f) => f.endsWith('.ts') && isNodeOnly(f))
        .sort(),
    ).toEqual(['node-crypto-backend.node.ts', 'node-dns.adapter.node.ts', 'node.ts']);
  });

  it.each(browserSafe)('%s imports no Node built-in and no node-only file', (file) => {
    const imports = importsOf(file);
    expect(imports.filter((i) => NODE_BUILTINS.test(i))).toEqual([]);
    expect(imports.filter((i) => i.startsWith('.') && (i.endsWith('.node') || i === './node'))).toEqual([]);
  });

  it('import only the audited libraries, the merkle library and their own files', () => {
    const external = [...new Set(browserSafe.flatMap(importsOf).filter((i) => !i.startsWith('.')))].sort();
    expect(external).toEqual(ALLOWED_PACKAGES);
  });

  it('bundle for the browser with esbuild (platform browser), with no Node module in the output', async () => {
    const esbuild = await import('esbuild');
    const root = join(__dirname, '..', '..', '..');
    const out = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['libs/data-integrity/src/index.ts'],
      tsconfig: 'tsconfig.json',
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: ['es2020'],
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((i) => /node:|\.node\.ts$|data-integrity\/src\/node\.ts$/.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes('@noble/curves'))).toBe(true);
  });
});
