import { isDomainError } from '@stackledger/domain';
import { InMemoryEventStore } from '@stackledger/event-store';
import { handleCommand } from './handle-command';

/** A decider that records whatever title it is given, unchecked: a slice whose request layer missed a field. */
const careless = {
  initialState: () => null,
  evolve: () => null,
  decide: (command: { title: string }) => [{ type: 'Titled', data: { title: command.title } }],
};

describe('handleCommand', () => {
  it('turns a store refusal of an uncanonical event into a 400 naming where the value sits, storing nothing', async () => {
    const store = new InMemoryEventStore();
    const attempt = handleCommand(store, 'thing-1', careless, { title: 'a \ud800' }, { actor: 'admin', recordedAt: '2026-01-01T00:00:00.000Z' });
    const error = await attempt.catch((e: unknown) => e);
    expect(isDomainError(error, 'VALIDATION.FORMAT')).toBe(true);
    expect(error).toMatchObject({ kind: 'validation', field: 'data.title', message: expect.stringMatching(/lone UTF-16 surrogate at data\.title/) });
    expect(await store.headSeq()).toBe(0);
  });
});
