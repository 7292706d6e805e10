import { execFileSync } from 'node:child_process';
import { figure, note } from './support/figures';

interface ChildFigure {
  kind: string;
  ms: number;
  bytes: number;
  root: string;
}

function child(kind: string, count: number): ChildFigure {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'bench/merkle-child.ts',
      kind,
      String(count),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as ChildFigure;
}

/** Our flat tree vs merkletreejs (`sortPairs: true`) on 1 M leaves, each build in its own process. */
export function merkleBench(count = 1_000_000): void {
  note(`merkle: ${count} leaves, ours vs merkletreejs (child processes)`);
  const ours = child('ours', count);
  const theirs = child('merkletreejs', count);
  if (ours.root !== theirs.root) throw new Error(`roots differ: ours ${ours.root}, merkletreejs ${theirs.root}`);
  figure(`merkle tree build, ${count} leaves (ours)`, ours.ms, 'ms', theirs.ms, 'ratio <= 0.333 (>= 3x faster than merkletreejs)');
  figure(
    `merkle tree memory, ${count} leaves (ours)`,
    ours.bytes / 2 ** 20,
    'MiB',
    theirs.bytes / 2 ** 20,
    'ratio <= 0.333 of merkletreejs',
  );
}
