import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The core runs in the browser: no node: built-ins anywhere, and no ethers: its endpoints' reader
 * is the chain library's, and the core takes only that library's error types, from the one file
 * of it that imports nothing.
 */
const SRC = join(__dirname, '..', 'src');
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|net$|http$|https$|crypto$|url$|util$|events$|stream$|buffer$)/;

const sources = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
const importsOf = (file: string) => [...readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)].map((m) => m[1]);

describe('libs/verifier/src stays browser-compatible', () => {
  it.each(sources)('%s imports no Node built-in', (file) => {
    expect(importsOf(file).filter((i) => NODE_BUILTINS.test(i))).toEqual([]);
  });

  it.each(sources)('%s does not import ethers', (file) => {
    expect(importsOf(file).filter((i) => i === 'ethers' || i.startsWith('ethers/'))).toEqual([]);
  });

  it("imports only the merkle library, the chain library's error types, the browser entry of the data-integrity library and its own files", () => {
    const all = sources.flatMap(importsOf).filter((i) => !i.startsWith('.'));
    expect([...new Set(all)].sort()).toEqual(['@stackledger/chain/chain-errors', '@stackledger/data-integrity', '@stackledger/merkle']);
  });

  it("checks signatures with the audited noble backend, never the server's node:crypto one", () => {
    const text = sources.map((f) => readFileSync(join(SRC, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/nodeCryptoBackend|data-integrity\/node/);
    expect(readFileSync(join(SRC, 'signature-checks.ts'), 'utf8')).toMatch(
      /verifyProof\(nobleBackend,[\s\S]*verifyKeyRegistration\(nobleBackend,/,
    );
  });

  it("takes the chain library's error types from a file that imports nothing", () => {
    const errors = readFileSync(join(__dirname, '..', '..', 'chain', 'src', 'chain-errors.ts'), 'utf8');
    expect([...errors.matchAll(IMPORT)]).toEqual([]);
  });
});
