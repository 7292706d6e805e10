import { OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AccessLogEntry {
  at: string;
  /** The caller as event metadata names it: `issuer:<id>`, `auditor`, `admin`. */
  who: string;
  /** The route read, e.g. `GET /v1/learners/{learnerId}/balance`. */
  what: string;
  /** `all`, or `issued-by-caller` when an issuer without a grant saw only its own credentials. */
  scope: string;
}

export const ACCESS_LOG = Symbol('ACCESS_LOG');

/**
 * Who read a learner's data, other than the learner: a kept record per read, in a small table of
 * this instance's own (not an event per read, which would grow the anchored log with every
 * request). Unlike the read models it is not rebuilt from the log, so it is kept with the data.
 */
export class AccessLog implements OnModuleDestroy {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS access_log (id INTEGER PRIMARY KEY, learner_id TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL, what TEXT NOT NULL, scope TEXT NOT NULL);' +
        'CREATE INDEX IF NOT EXISTS access_log_by_learner ON access_log (learner_id, id);',
    );
    this.insert = this.db.prepare('INSERT INTO access_log (learner_id, at, who, what, scope) VALUES (?, ?, ?, ?, ?)');
    this.select = this.db.prepare('SELECT at, who, what, scope FROM access_log WHERE learner_id = ? ORDER BY id DESC LIMIT ?');
  }

  record(learnerId: string, entry: AccessLogEntry): void {
    this.insert.run(learnerId, entry.at, entry.who, entry.what, entry.scope);
  }

  /** The learner's latest entries, newest first. */
  list(learnerId: string, limit = 1000): AccessLogEntry[] {
    return this.select.all(learnerId, limit) as AccessLogEntry[];
  }

  onModuleDestroy(): void {
    this.db.close();
  }
}
