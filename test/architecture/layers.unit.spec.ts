import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './package-imports';

/**
 * The layer rules bite: files that break them are written into the real tree (the rules match
 * paths), checked with the project's own `.dependency-cruiser.cjs` and `eslint.config.mjs`, and
 * removed. Each file breaks the rules named beside it, and only those; the allowed exceptions sit
 * in files that must break nothing.
 */
const TAG = `layer-fixture-${process.pid}`;

interface Fixture {
  file: string;
  source: string;
  breaks: string[];
}

const FIXTURES: Fixture[] = [
  {
    file: `libs/domain/src/${TAG}.ts`,
    source: "import { Injectable } from '@nestjs/common';\nexport const decorate = Injectable;\n",
    // The domain is a library and pure code too: three rules say no.
    breaks: ['domain-imports-only-itself', 'libs-not-to-nest', 'pure-code-only-pure-packages'],
  },
  {
    // In the page rather than the verifier: the verifier's own purity test reads its folder.
    file: `apps/verify-page/src/${TAG}.ts`,
    source: [
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      "import { LedgerFile } from '@stackledger/event-store';",
      "import { anchorInterface } from '@stackledger/chain';",
      'export const used = [readFileSync, Database, LedgerFile, anchorInterface];',
    ].join('\n'),
    breaks: ['pure-code-no-node-built-ins', 'pure-code-only-pure-packages', 'pure-code-only-pure-code'],
  },
  {
    file: `libs/chain/src/${TAG}.ts`,
    source: "import { AnchorWriter } from './writer';\nexport const writer = AnchorWriter;\n",
    breaks: ['pure-code-not-node-parts'],
  },
  {
    file: `libs/audit/src/${TAG}.ts`,
    source:
      "import { Module } from '@nestjs/common';\nimport { DEFAULT_DATA_DIR } from '../../../apps/api/src/config/data-dir';\nexport const used = [Module, DEFAULT_DATA_DIR];\n",
    breaks: ['libs-not-to-nest', 'libs-not-to-apps'],
  },
  {
    file: `apps/cli/src/${TAG}.ts`,
    source: "import { loadConfig } from '../../api/src/config/app-config';\nexport const load = loadConfig;\n",
    breaks: ['cli-not-to-api'],
  },
  {
    file: `apps/cli/src/${TAG}-allowed.ts`,
    source: "import { DEFAULT_DATA_DIR } from '../../api/src/config/data-dir';\nexport const dir = DEFAULT_DATA_DIR;\n",
    breaks: [],
  },
  {
    file: `libs/merkle/src/${TAG}-a.ts`,
    source: `import { b } from './${TAG}-b';\nexport const a = () => b;\n`,
    breaks: ['no-circular'],
  },
  {
    file: `libs/merkle/src/${TAG}-b.ts`,
    source: `import { a } from './${TAG}-a';\nexport const b = () => a;\n`,
    breaks: [], // the same cycle, reported once, from where it is first met
  },
  {
    file: `libs/merkle/src/${TAG}-typed-a.ts`,
    source: `import { typedB } from './${TAG}-typed-b';\nexport interface TypedA { b: typeof typedB }\n`,
    breaks: [],
  },
  {
    file: `libs/merkle/src/${TAG}-typed-b.ts`,
    source: `import type { TypedA } from './${TAG}-typed-a';\nexport const typedB = (a: TypedA) => a;\n`,
    breaks: [],
  },
];

const SQL_FIXTURE = `libs/audit/src/${TAG}-sql.ts`;
const SQL_ALLOWED = `libs/event-store/src/postgres/${TAG}-sql.ts`;
// eslint-disable-next-line no-restricted-syntax -- this SQL is the fixture the rule must refuse
const SQL_SOURCE = "export const byType = (type: string) => [`SELECT data FROM events WHERE type = '${type}'`, 'delete from  events'];\n";

function run(bin: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, bin), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the layer rules reject what they forbid', () => {
  const written: string[] = [];
  /** The first folder that `write` had to create (the PostgreSQL adapter's, on a tree without it), removed after. */
  const madeDirs: string[] = [];
  const write = (file: string, source: string) => {
    const made = mkdirSync(dirname(join(ROOT, file)), { recursive: true });
    if (made !== undefined) madeDirs.push(made);
    writeFileSync(join(ROOT, file), source);
    written.push(file);
  };

  beforeAll(() => {
    for (const { file, source } of FIXTURES) write(file, source);
    write(SQL_FIXTURE, SQL_SOURCE);
    write(SQL_ALLOWED, SQL_SOURCE);
  });
  afterAll(() => {
    for (const file of written) rmSync(join(ROOT, file), { force: true });
    for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('dependency-cruiser reports each fixture under exactly the rules it breaks', () => {
    const { stdout, stderr } = run('node_modules/dependency-cruiser/bin/dependency-cruise.mjs', [
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
      ...FIXTURES.map((f) => f.file),
    ]);
    expect(stderr).toBe('');
    const { summary } = JSON.parse(stdout) as { summary: { violations: { from: string; rule: { name: string } }[] } };
    const broken = (file: string) => [...new Set(summary.violations.filter((v) => v.from === file).map((v) => v.rule.name))].sort();
    expect(Object.fromEntries(FIXTURES.map((f) => [f.file, broken(f.file)]))).toEqual(
      Object.fromEntries(FIXTURES.map((f) => [f.file, [...f.breaks].sort()])),
    );
  });

  it('a domain file importing Nest fails the check with that rule', () => {
    const { status, stdout } = run('node_modules/dependency-cruiser/bin/dependency-cruise.mjs', [
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
      FIXTURES[0].file,
    ]);
    expect(status).not.toBe(0);
    expect(stdout).toContain(`error domain-imports-only-itself: ${FIXTURES[0].file} → node_modules/@nestjs/common`);
  });

  it('ESLint refuses SQL on the events table outside the ledger-file module and the PostgreSQL adapter', () => {
    const { stdout } = run('node_modules/eslint/bin/eslint.js', ['--format', 'json', SQL_FIXTURE, SQL_ALLOWED]);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
    const rulesOf = (file: string) => results.find((r) => r.filePath === join(ROOT, file))!.messages.map((m) => m.ruleId);
    expect(rulesOf(SQL_FIXTURE)).toEqual(['no-restricted-syntax', 'no-restricted-syntax']);
    expect(rulesOf(SQL_ALLOWED)).toEqual([]);
  });
});
