import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';
import { LedgerFile, PostgresEventStore } from '@stackledger/event-store';
import { postgresBinaries } from '../../libs/event-store/testing/postgres-cluster/postgres-cluster';

const COLUMNS = 'seq, id, stream, revision, type, data, metadata, recorded_at, leaf';

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
const text = (value: string): string => (/[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value);
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Copies every row of a SQLite ledger file (the generated one) into an empty PostgreSQL event store
 * in `schema`, by COPY through psql: the same seqs, ids, revisions, data text and stored leaves,
 * so both stores hold the same ledger. The store creates its tables first; the head is set last.
 * Returns the number of rows.
 */
export async function copyLedgerIntoPostgres(file: string, url: string, schema = 'stackledger'): Promise<number> {
  await (await PostgresEventStore.connect(url, { schema })).close();
  const bin = postgresBinaries();
  if (!bin) throw new Error('psql not found');
  const psql = spawn(join(bin, 'psql'), ['-v', 'ON_ERROR_STOP=1', '-q', '-d', url, '-c', `COPY ${schema}.events (${COLUMNS}) FROM STDIN`], {
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  let stderr = '';
  psql.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(psql, 'exit');
  const ledger = LedgerFile.openReadOnly(file);
  let rows = 0;
  try {
    let chunk = '';
    for (const [seq, id, stream, revision, type, data, metadata, recordedAt, leaf] of ledger.storedRows()) {
      chunk += `${seq}\t${id}\t${text(stream)}\t${revision}\t${text(type)}\t${text(data)}\t${text(metadata)}\t${text(recordedAt)}\t\\\\x${Buffer.from(leaf).toString('hex')}\n`;
      rows++;
      if (chunk.length > 1 << 20) {
        if (!psql.stdin.write(chunk)) await once(psql.stdin, 'drain');
        chunk = '';
      }
    }
    psql.stdin.end(chunk);
  } finally {
    ledger.close();
  }
  const [code] = await exited;
  if (code !== 0) throw new Error(`COPY into PostgreSQL failed (${code}): ${stderr}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE ${schema}.ledger_head SET seq = (SELECT coalesce(max(seq), 0) FROM ${schema}.events)`);
    await client.query(`VACUUM ANALYZE ${schema}.events`);
  } finally {
    await client.end();
  }
  return rows;
}
