import { canonicalEventJson, eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { capability, LeafReader, MultiStreamAppend } from '../event-store.capabilities';
import type { NewEvent } from '../event-store.port';
import type { StoreAccessor } from './event-store.contract';
import { newEvent } from './event-fixtures';

/**
 * Events a store must refuse: each has no canonical JSON form (RFC 8785), so it could never be
 * hashed into a Merkle leaf, and one stored would stop every later anchoring run and audit.
 */
const UNCANONICAL: [label: string, event: () => NewEvent, path: string][] = [
  ['a lone high surrogate in a data string', () => newEvent(1, { data: { title: 'Data \ud800 Analytics' } }), 'data.title'],
  [
    'a lone low surrogate nested in an array',
    () => newEvent(1, { data: { credential: { skills: ['sql', '\udc00'] } } }),
    'data.credential.skills[1]',
  ],
  ['a lone surrogate in a member name', () => newEvent(1, { data: { ['k\udbff']: 1 } }), 'data'],
  ['a lone surrogate in the type', () => newEvent(1, { type: 'Issued\ud800' }), 'type'],
  ['a lone surrogate in recordedAt', () => newEvent(1, { recordedAt: '2025-01-01T00:00:00.000Z\udfff' }), 'recordedAt'],
  ['a lone surrogate in the metadata', () => newEvent(1, { metadata: { actor: 'issuer:\ud800' } }), 'metadata.actor'],
  ['a non-finite number', () => newEvent(1, { data: { credits: Number.NaN } }), 'data.credits'],
  ['undefined inside an array', () => newEvent(1, { data: { list: [1, undefined] } }), 'data.list[1]'],
  ['a bigint', () => newEvent(1, { data: { amount: 10n } as never }), 'data.amount'],
  ['a Date (not a plain object)', () => newEvent(1, { data: { at: new Date(0) } as never }), 'data.at'],
];

export function describeCanonicalContract(store: StoreAccessor): void {
  describe('events that cannot be canonicalised', () => {
    it.each(UNCANONICAL)('refuses %s, naming the event and the path, and stores nothing of the append', async (_label, bad, path) => {
      const good = newEvent(0);
      const event = bad();
      const attempt = store().append('learner-1', [good, event], 'any');
      await expect(attempt).rejects.toMatchObject({ name: 'EventNotCanonicalError', eventId: event.id, path });
      expect(await store().headSeq()).toBe(0);
      expect(await store().readStream('learner-1')).toEqual([]);
      const next = await store().append('learner-1', [newEvent(2)], 'no-stream');
      expect(next.events[0].seq).toBe(1);
    });

    it('refuses a lone surrogate in the stream name', async () => {
      await expect(store().append('learner-\ud800', [newEvent(0)], 'any')).rejects.toMatchObject({
        name: 'EventNotCanonicalError',
        path: 'stream',
      });
      expect(await store().headSeq()).toBe(0);
    });

    it('accepts, and hashes, what canonical JSON can hold: paired surrogates, controls, -0, nulls, empty containers', async () => {
      const data = { title: '🎓 Data\u0000\t"\\', n: -0, none: null, list: [], map: {}, skipped: undefined };
      const { events } = await store().append('learner-1', [newEvent(0, { data })], 'no-stream');
      const [read] = await store().readStream('learner-1');
      expect(read.data).toEqual({ title: '🎓 Data\u0000\t"\\', n: 0, none: null, list: [], map: {} });
      expect(canonicalEventJson(read)).toBe(canonicalEventJson(events[0]));
      await initMerkle();
      const leaves = capability(store(), LeafReader);
      if (leaves) expect(toHex(await leaves.readLeaves(1, 1))).toBe(eventLeaf(read));
    });

    it('refuses a bad event in any stream of an appendMany, storing no stream (where offered)', async () => {
      const many = capability(store(), MultiStreamAppend);
      if (!many) return;
      const attempt = many.appendMany([
        { stream: 'learner-1', events: [newEvent(0)], expected: 'no-stream' },
        { stream: 'learner-2', events: [newEvent(1, { data: { reason: '\ud800' } })], expected: 'no-stream' },
      ]);
      await expect(attempt).rejects.toMatchObject({ name: 'EventNotCanonicalError', path: 'data.reason' });
      expect(await store().headSeq()).toBe(0);
    });
  });
}
