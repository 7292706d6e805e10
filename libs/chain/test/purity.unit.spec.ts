import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The whole library runs in a browser (the verify page bundles the reader): no Node built-in,
 * nothing from outside but ethers. `chain-errors.ts` imports nothing at all, so pure code can take
 * the error types without ethers.
 */
const SRC = join(__dirname, '..', 'src');
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|net$|http$|https$|crypto$|url$|util$|events$|stream$|buffer$|dns$)/;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : [],
  );
const sources = filesUnder(SRC).map((file) => relative(SRC, file));
const importsOf = (file: string) => [...readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)].map((m) => m[1]);

describe('libs/chain stays browser-compatible', () => {
  it.each(sources)('%s imports no Node built-in, and nothing from outside but ethers', (file) => {
    const imports = importsOf(file);
    expect(imports.filter((i) => NODE_BUILTINS.test(i))).toEqual([]);
    expect(imports.filter((i) => !i.startsWith('.') && i !== 'ethers')).toEqual([]);
  });

  it('chain-errors.ts imports nothing', () => {
    expect(importsOf('chain-errors.ts')).toEqual([]);
  });

  it('the reader entry bundles for the browser with esbuild (platform browser), without the writer', async () => {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      absWorkingDir: join(__dirname, '..', '..', '..'),
      entryPoints: ['libs/chain/src/index.ts'],
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
    expect(inputs.filter((i) => i.startsWith('node:') || i.includes('libs/chain/src/writer/'))).toEqual([]);
    expect(inputs).toContain('libs/chain/src/json-rpc-anchor-reader.ts');
  });
});
