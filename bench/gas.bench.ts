import { execFileSync } from 'node:child_process';
import { figure, note } from './support/figures';

/** Gas per anchor at 1, 1 k and 100 k events, on Hardhat's chain in a child process. */
export function gasBench(): void {
  note('gas: hardhat run bench/gas/anchor-gas.ts');
  const out = execFileSync('npx', ['hardhat', 'run', 'bench/gas/anchor-gas.ts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const figures = out
    .split('\n')
    .filter((l) => l.startsWith('GAS '))
    .map((l) => JSON.parse(l.slice(4)) as { size: number; gas: number });
  const first = figures[0].gas;
  for (const { size, gas } of figures) figure(`gas per anchor, ${size} events`, gas, 'gas', first, '<= 50000, flat (ratio ~1)');
}
