/**
 * `npm run bench`: every performance figure of issues #7 and #19, each a JSON line on stdout
 * `{name, value, unit, baseline, ratio, target}`, baselines measured in the same run. Progress goes
 * to stderr. The 1 M-event ledger is generated once per run (BENCH_LEDGER to reuse a file) and
 * shared by the benches, which work on copies of it.
 *
 *   BENCH_EVENTS=1000000 BENCH_SECONDS=20 BENCH_ONLY=merkle,anchoring,replay,http,gas,ed25519,revocation,postgres,signed
 *   BENCH_REVOCATIONS=100000 (the mass revocation's size)
 *
 * The ledger is generated only when a bench that reads it (anchoring, replay, http, signed, postgres) is
 * wanted. `postgres` starts a throwaway PostgreSQL cluster and compares with the SQLite figures of
 * the same run (measuring them itself when replay or http did not run).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchoringBench } from './anchoring.bench';
import { ed25519Bench } from './ed25519.bench';
import { gasBench } from './gas.bench';
import { httpBench } from './http.bench';
import { massRevocationBench } from './mass-revocation.bench';
import { merkleBench } from './merkle.bench';
import { postgresBench, SqliteFigures } from './postgres.bench';
import { replayBench } from './replay.bench';
import { note, timed } from './support/figures';
import { DEFAULT_SHAPE, ledgerFile } from './support/generate-ledger';

async function main(): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? DEFAULT_SHAPE.events);
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  const only = process.env.BENCH_ONLY?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const workDir = join(tmpdir(), 'stackledger-bench');
  mkdirSync(workDir, { recursive: true });
  const ledger = process.env.BENCH_LEDGER ?? join(workDir, `ledger-${events}.sqlite`);
  const needsLedger = ['anchoring', 'replay', 'http', 'signed', 'postgres'].some(wanted);
  const fresh = !process.env.BENCH_LEDGER && needsLedger;
  if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${ledger}${suffix}`, { force: true });
  if (needsLedger) {
    const generation = await timed(() =>
      ledgerFile(ledger, { ...DEFAULT_SHAPE, events, learners: Math.max(1000, Math.round(events / 5)) }),
    );
    note(`ledger of ${events} events ready in ${Math.round(generation.ms)} ms: ${ledger}`);
  }

  const sqlite: SqliteFigures = {};
  if (wanted('merkle')) merkleBench(events);
  if (wanted('anchoring')) await anchoringBench(ledger);
  if (wanted('replay')) sqlite.audit = await replayBench(ledger);
  if (wanted('http') || wanted('signed'))
    sqlite.catchUp = await httpBench(ledger, seconds, { unsigned: wanted('http'), signed: wanted('signed') });
  if (wanted('gas')) gasBench();
  if (wanted('ed25519')) ed25519Bench();
  if (wanted('revocation')) massRevocationBench(Number(process.env.BENCH_REVOCATIONS ?? 100_000));
  if (wanted('postgres')) await postgresBench(ledger, sqlite);
  if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${ledger}${suffix}`, { force: true });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
