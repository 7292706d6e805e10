import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../event-store.port';
import { newEvent, newEvents, range, recordingSubscription, seqs } from '../testing/event-fixtures';
import { waitFor } from '../testing/wait-for';
import { SqliteEventStore } from './sqlite.adapter';

describe('SqliteEventStore: several connections on one file', () => {
  let dir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (): SqliteEventStore => {
    const store = SqliteEventStore.open(file, { pollIntervalMs: 20 });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-es-'));
    file = join(dir, 'events.db');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps seq contiguous when both interleave appends', async () => {
    const [a, b] = [open(), open()];
    await Promise.all(range(0, 39).map((n) => (n % 2 ? a : b).append(`learner-${n % 5}`, newEvents(2, 2 * n), 'any')));
    expect(seqs(await a.readAll(1, 1000))).toEqual(range(1, 80));
    expect(await b.headSeq()).toBe(80);
    const stream = await b.readStream('learner-3');
    expect(stream.map((e) => e.revision)).toEqual(range(0, 15));
  });

  it('checks the expected revision against appends made through the other connection', async () => {
    const [a, b] = [open(), open()];
    await a.append('learner-1', [newEvent(0)], 'no-stream');
    await expect(b.append('learner-1', [newEvent(1)], 'no-stream')).rejects.toThrow(WrongExpectedRevisionError);
    await b.append('learner-1', [newEvent(1)], 0);
    await expect(a.append('learner-1', [newEvent(2)], 0)).rejects.toMatchObject({ actual: 1 });
    expect((await a.readStream('learner-1')).map((e) => e.data.n)).toEqual([0, 1]);
  });

  it('recognises a retry of an append made through the other connection', async () => {
    const [a, b] = [open(), open()];
    const events = newEvents(2);
    const first = await a.append('learner-1', events, 'no-stream');
    expect(await b.append('learner-1', events, 'no-stream')).toEqual({ ...first, duplicate: true });
  });

  it("delivers to a subscriber on one connection the other connection's appends (poll)", async () => {
    const [a, b] = [open(), open()];
    await b.append('learner-1', [newEvent(0)], 'no-stream');
    const { seen, sub } = recordingSubscription(a, 0);
    await waitFor(() => seen.length >= 1, 'the stored event');
    await b.append('learner-1', newEvents(3, 1), 0);
    await waitFor(() => seen.length >= 4, "b's live events");
    await sub.close();
    expect(seqs(seen)).toEqual([1, 2, 3, 4]);
  });

  it('preserves events and checkpoints across close and reopen', async () => {
    const first = open();
    const { events } = await first.append('learner-1', newEvents(3), 'no-stream');
    first.saveCheckpoint('learner-view', 2);
    await first.close();
    const reopened = open();
    expect(await reopened.readStream('learner-1')).toEqual(events);
    expect(reopened.getCheckpoint('learner-view')).toBe(2);
    expect((await reopened.append('learner-1', [newEvent(3)], 2)).events[0].seq).toBe(4);
  });

  describe('a connection for reading only (a projector on another thread)', () => {
    it('reads what the writer stored, sees its appends at once after wake(), and cannot append', async () => {
      const writer = open();
      await writer.append('learner-1', newEvents(3), 'no-stream');
      // No polling: only wake() can tell it of the writer's appends.
      const reader = SqliteEventStore.openForReading(file, { pollIntervalMs: 60_000 });
      opened.push(reader);
      const { seen, sub } = recordingSubscription(reader, 0);
      await waitFor(() => seen.length === 3, 'the stored events');
      await writer.append('learner-1', newEvents(2, 3), 2);
      reader.wake();
      await waitFor(() => seen.length === 5, 'the appends after wake()');
      expect(seqs(seen)).toEqual(range(1, 5));
      // Compared as text: better-sqlite3's error class may come from another jest realm.
      const refused = await reader.append('learner-2', newEvents(1), 'any').then(
        () => 'stored',
        (error: unknown) => String(error),
      );
      expect(refused).toMatch(/readonly/i);
      expect(await writer.headSeq()).toBe(5);
      await sub.close();
    });
  });
});
