import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { figure, note } from './support/figures';

interface MassRevocation {
  revocations: number;
  seconds: number;
  revokeTransactions: number;
  gasPerRevocation: number;
  maxGasOfOneTransaction: number;
  halfTheCap: number;
  keysMissingOnChain: number;
}

/**
 * `bench/mass-revocation.ts` in a child process (it starts its own Hardhat node): N credentials
 * issued and revoked, then one run of the anchoring job pushing every revocation to the contract.
 */
export function massRevocationBench(revocations = 100_000): void {
  note(`mass revocation: ${revocations} credentials issued and revoked, one anchoring run on a private Hardhat node`);
  const out = execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, 'mass-revocation.ts'), String(revocations)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  const line = out.split('\n').find((l) => l.startsWith('{"revocations"'));
  if (!line) throw new Error(`mass revocation printed no figures:\n${out}`);
  const run = JSON.parse(line) as MassRevocation;
  if (run.keysMissingOnChain > 0) throw new Error(`mass revocation: ${run.keysMissingOnChain} keys missing on chain`);
  const name = `mass revocation: ${run.revocations} revocations pushed`;
  figure(name, run.seconds, 's', null, '<= 60 s on the local chain');
  figure(`${name}, revoke transactions`, run.revokeTransactions, 'transactions');
  figure(`${name}, gas per revocation`, run.gasPerRevocation, 'gas', null, '<= 25000 gas');
  figure(
    `${name}, largest transaction`,
    run.maxGasOfOneTransaction,
    'gas',
    run.halfTheCap,
    'ratio <= 1 (half the per-transaction gas cap)',
  );
}
