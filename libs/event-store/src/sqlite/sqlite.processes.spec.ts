import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredEvent } from '../event-store.port';
import { acknowledged, Child, spawnChild } from '../testing/child-process';
import { range, seqs } from '../testing/event-fixtures';
import { waitFor } from '../testing/wait-for';
import { SqliteEventStore } from './sqlite.adapter';

// Each child compiles the adapter through ts-node: on a loaded 2-core CI machine that alone took >15 s.
jest.setTimeout(120000);

describe('SqliteEventStore across OS processes', () => {
  let dir: string;
  let file: string;
  const children: Child[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-es-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => {
    children.splice(0).forEach((child) => child.process.exitCode === null && child.process.kill('SIGKILL'));
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (...args: string[]): Child => {
    const child = spawnChild(args);
    children.push(child);
    return child;
  };

  async function readEverything(): Promise<{ events: StoredEvent[]; integrity: unknown }> {
    const store = SqliteEventStore.open(file);
    const events = await store.readAll(1, 1_000_000);
    const integrity = store.database.pragma('integrity_check', { simple: true });
    await store.close();
    return { events, integrity };
  }

  it('keeps every acknowledged append, whole, after kill -9', async () => {
    const child = start('kill9', file);
    await waitFor(() => acknowledged(child).length >= 3 * 150, `150 acks (stderr: ${child.stderr()})`, 60000);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBeNull();

    const { events, integrity } = await readEverything();
    expect(integrity).toBe('ok');
    expect(seqs(events)).toEqual(range(1, events.length));
    expect(events.length % 3).toBe(0);
    const byId = new Map(events.map((event) => [event.id, event]));
    for (const ack of acknowledged(child)) expect(byId.get(ack.id)?.seq).toBe(ack.seq);
    events.forEach((event, i) => expect([event.stream, event.revision]).toEqual([`batch-${Math.floor(i / 3)}`, i % 3]));
  });

  it('serialises two processes racing on one stream: contiguous seq, no lost update', async () => {
    const count = 100;
    const racers = [start('race', file, String(count), 'p1'), start('race', file, String(count), 'p2')];
    await waitFor(() => racers.every((c) => c.lines.includes('ready')), 'both children ready', 60000);
    racers.forEach((child) => child.process.stdin!.write('go\n'));
    const codes = await Promise.all(racers.map((child) => child.exited));
    expect({ codes, stderr: racers.map((c) => c.stderr()) }).toEqual({ codes: [0, 0], stderr: ['', ''] });

    const { events } = await readEverything();
    expect(seqs(events)).toEqual(range(1, 4 * count));
    const shared = events.filter((event) => event.stream === 'shared');
    expect(shared.map((event) => event.revision)).toEqual(range(0, 2 * count - 1));
    const acks = racers.flatMap(acknowledged);
    expect(acks).toHaveLength(2 * count);
    expect(new Set(acks.map((ack) => ack.id))).toEqual(new Set(shared.map((event) => event.id)));
    const conflicts = racers.map((child) => Number(child.lines.find((l) => l.startsWith('done '))!.slice(5)));
    expect(conflicts[0] + conflicts[1]).toBeGreaterThan(0); // the race really happened
  });
});
