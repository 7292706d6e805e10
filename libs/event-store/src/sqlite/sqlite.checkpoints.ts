import type { Database, Statement } from 'better-sqlite3';

interface CheckpointStatements {
  get: Statement<[string], { seq: number }>;
  save: Statement<[string, number]>;
}

const cache = new WeakMap<Database, CheckpointStatements>();

function statements(db: Database): CheckpointStatements {
  let prepared = cache.get(db);
  if (!prepared) {
    prepared = {
      get: db.prepare('SELECT seq FROM checkpoints WHERE name = ?'),
      save: db.prepare('INSERT INTO checkpoints (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq'),
    };
    cache.set(db, prepared);
  }
  return prepared;
}

/** The seq a projection named `name` has processed up to; 0 when it never saved one. */
export function getCheckpoint(db: Database, name: string): number {
  return statements(db).get.get(name)?.seq ?? 0;
}

/**
 * Records that `name` has processed every event up to `seq`. Call it inside the same
 * `db.transaction` that writes the projection's read model, so both move together.
 * Preconditions: `seq` is a non-negative safe integer; lowering it (a rebuild) is allowed.
 */
export function saveCheckpoint(db: Database, name: string, seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`bad checkpoint seq: ${seq}`);
  statements(db).save.run(name, seq);
}
