// `npm run lint`: ESLint, Prettier (--check) and dependency-cruiser side by side, each one's time
// printed when it ends, and its whole output when it fails; exits 1 if any of them fails.
//
// Side by side because they are single-threaded and ESLint alone (type information for the
// promise rules) takes as long as the two others together: on two cores the run lasts about as
// long as ESLint.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (path) => join(root, 'node_modules', path);

const CHECKS = [
  { name: 'eslint', args: [bin('eslint/bin/eslint.js'), '.'] },
  // Prettier's cache keys on each file's content and the options, so a hit is always right.
  { name: 'prettier', args: [bin('prettier/bin/prettier.cjs'), '--check', '--cache', '--log-level', 'warn', '.'] },
  {
    name: 'dependency-cruiser',
    args: [
      bin('dependency-cruiser/bin/dependency-cruise.mjs'),
      ...['apps', 'libs', 'bench', 'scripts', 'deploy', 'test', 'hardhat.config.ts'],
      ...['--config', '.dependency-cruiser.cjs'],
    ],
  },
];

function run({ name, args }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
      if (!ok) console.log(output.trimEnd().replace(/^/gm, '     '));
      resolve(ok);
    });
  });
}

const started = performance.now();
const results = await Promise.all(CHECKS.map(run));
console.log(`lint: ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = results.every(Boolean) ? 0 : 1;
