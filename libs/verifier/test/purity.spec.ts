import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The core runs in the browser: no node: built-ins anywhere, ethers only in the JSON-RPC reader. */
const SRC = join(__dirname, '..', 'src');
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|net$|http$|https$|crypto$|url$|util$|events$|stream$|buffer$)/;

const sources = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
const importsOf = (file: string) => [...readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)].map((m) => m[1]);

describe('libs/verifier/src stays browser-compatible', () => {
  it.each(sources)('%s imports no Node built-in', (file) => {
    expect(importsOf(file).filter((i) => NODE_BUILTINS.test(i))).toEqual([]);
  });

  it.each(sources.filter((f) => f !== 'json-rpc-anchor-reader.ts'))('%s does not import ethers', (file) => {
    expect(importsOf(file).filter((i) => i === 'ethers' || i.startsWith('ethers/'))).toEqual([]);
  });

  it('imports only the merkle library, ethers and its own files', () => {
    const all = sources.flatMap(importsOf).filter((i) => !i.startsWith('.'));
    expect([...new Set(all)].sort()).toEqual(['@stackledger/merkle', 'ethers']);
  });
});
