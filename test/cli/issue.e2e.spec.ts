import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, tempDataDir, TestApp } from '../e2e/support/test-app';
import { runLedger } from './support/cli-test-env';

/**
 * `ledger keys register` and `ledger issue` as their own processes against the real app (HTTP,
 * SQLite file): the key made by `ledger keys generate`, credentials built and signed by the CLI,
 * one by flags and many from CSV and JSON lines in batches; refusals and bad input with their
 * exit codes.
 */
jest.setTimeout(240_000);

const data = tempDataDir('cli-issue');
let api: TestApp;
let issuer: { id: string; apiKey: string };
const keyFile = join(data.dir, 'issuer.key.json');
const ledger = (...args: string[]) => runLedger([...args, '--url', api.http.baseUrl], 60_000);
const as = () => ['--key', keyFile, '--issuer', issuer.id, '--api-key', issuer.apiKey];
const count = async () => (await api.http.get(`/v1/learners/L-cli/credentials`, api.auditorKey)).body;

beforeAll(async () => {
  api = await startTestApp(data.dir);
  const r = await api.http.post(
    '/v1/issuers',
    { name: 'CLI University', country: 'IN', accreditationCode: 'C-1', contactEmail: 'r@cli.example', domain: 'cli.example' },
    api.adminKey,
  );
  issuer = r.body;
  expect((await runLedger(['keys', 'generate', '--out', keyFile, '--domain', 'cli.example'])).code).toBe(0);
});
afterAll(async () => {
  await api?.close();
  data.remove();
});

describe('ledger keys register, ledger issue', () => {
  it('registers the key; registering it again is refused (exit 1, the code printed)', async () => {
    const first = await ledger('keys', 'register', ...as());
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^registered did:key:z6Mk/);
    const again = await ledger('keys', 'register', ...as());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('KEY.ALREADY_REGISTERED');
  });

  it('issues one signed credential from flags', async () => {
    const run = await ledger(
      'issue',
      ...as(),
      '--learner',
      'L-cli',
      '--title',
      'Shell Basics',
      '--credits',
      '1',
      '--hours',
      '30',
      '--level',
      '4',
      '--assessment',
      'exam',
      '--skill',
      'bash',
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const credential = (await api.http.get(`/v1/credentials/${run.stdout.trim()}`)).body;
    expect(credential).toMatchObject({ title: 'Shell Basics', learnerId: 'L-cli' });
  });

  it('issues a CSV file and a JSON lines file in batches, with a summary line', async () => {
    const csv = join(data.dir, 'batch.csv');
    writeFileSync(
      csv,
      'learnerId,title,skills,credits,hours,level,assessment\n' +
        'L-cli,"Data, Cleaned",sql;excel,2,60,4.5,exam\nL-cli-2,Statistics,r,1.5,45,5,project\nL-cli-3,Ethics,,1,30,4,oral\n',
    );
    const run = await ledger('issue', ...as(), '--file', csv, '--batch-size', '2');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout.trim()).toBe(`issued 3 of 3 credentials from ${csv}`);
    const jsonl = join(data.dir, 'batch.jsonl');
    writeFileSync(
      jsonl,
      JSON.stringify({ learnerId: 'L-cli-4', title: 'Git', skills: ['git'], credits: '1', hours: 30, level: 4, assessment: 'exam' }) + '\n',
    );
    expect((await ledger('issue', ...as(), '--file', jsonl)).stdout.trim()).toBe(`issued 1 of 1 credentials from ${jsonl}`);
    expect(JSON.stringify(await count())).toContain('Data, Cleaned');
  });

  it('bad input: an unreadable row (65), a value the rules refuse (65), a missing flag (64), no such file (66)', async () => {
    const bad = join(data.dir, 'bad.csv');
    writeFileSync(bad, 'learnerId,title,hours\nL-x,T,lots\n');
    expect((await ledger('issue', ...as(), '--file', bad)).code).toBe(65);
    const rule = join(data.dir, 'rule.jsonl');
    writeFileSync(
      rule,
      JSON.stringify({ learnerId: 'L-x', title: 'T', skills: [], credits: '9', hours: 30, level: 4, assessment: 'exam' }) + '\n',
    );
    const refused = await ledger('issue', ...as(), '--file', rule);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('row 1');
    expect((await ledger('issue', ...as(), '--learner', 'L-x')).code).toBe(64);
    expect((await ledger('issue', ...as(), '--file', join(data.dir, 'none.csv'))).code).toBe(66);
  });
});
