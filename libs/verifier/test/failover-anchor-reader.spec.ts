import { ContractCallError, FailoverAnchorReader, verifyBundle } from '../src';
import { buildBatch, bundleOf, CONTRACT, InMemoryAnchorReader, ledgerEvents, type BuiltBatch } from '../src/testing/bundle.fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
let batch: BuiltBatch;
beforeAll(async () => {
  batch = await buildBatch(0, ledgerEvents(1, 7));
});

const endpoints = (...readers: InMemoryAnchorReader[]) => readers.map((reader, i) => ({ name: `rpc${i + 1}`, reader }));
const verify = (reader: FailoverAnchorReader) => verifyBundle(bundleOf(batch, 4), { reader, trustedContract: CONTRACT, now: NOW });

describe('FailoverAnchorReader', () => {
  it('a dead first RPC fails over to the second -> valid, and stays there', async () => {
    const dead = Object.assign(new InMemoryAnchorReader().anchor(batch), { down: true });
    const good = new InMemoryAnchorReader().anchor(batch);
    const reader = new FailoverAnchorReader(endpoints(dead, good));
    expect((await verify(reader)).verdict).toBe('valid');
    expect(dead.calls).toBe(1);
    expect(reader.endpoint).toBe('rpc2');
    expect(reader.failures).toEqual([{ endpoint: 'rpc1', error: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('an RPC dying mid-verification hands over to the next one', async () => {
    const flaky = new InMemoryAnchorReader().anchor(batch);
    const good = new InMemoryAnchorReader().anchor(batch);
    const batchCount = flaky.batchCount;
    flaky.batchCount = async () => {
      flaky.down = true;
      return batchCount();
    };
    const reader = new FailoverAnchorReader(endpoints(flaky, good));
    expect((await verify(reader)).verdict).toBe('valid');
    expect(reader.endpoint).toBe('rpc2');
  });

  it('never mixes chains: a replacement on another chain is skipped', async () => {
    const flaky = new InMemoryAnchorReader().anchor(batch);
    const otherChain = new InMemoryAnchorReader(5).anchor(batch);
    flaky.batchCount = async () => {
      flaky.down = true;
      return flaky.revokedAt('0x');
    };
    const r = await verify(new FailoverAnchorReader(endpoints(flaky, otherChain)));
    expect(r.verdict).toBe('unreachable');
    expect(r.reason).toContain('serves chain 5, not chain 31337');
  });

  it('all RPCs down -> unreachable, naming each', async () => {
    const readers = [1, 2, 3].map(() => Object.assign(new InMemoryAnchorReader(), { down: true }));
    const r = await verify(new FailoverAnchorReader(endpoints(...readers)));
    expect(r).toMatchObject({ verdict: 'unreachable', code: 'UNREACHABLE' });
    expect(r.reason).toMatch(/all 3 RPC endpoint\(s\) failed \(rpc1: .*; rpc2: .*; rpc3: .*\)/);
  });

  it('an answer that is not a transport failure is passed through, not failed over', async () => {
    const reverting = new InMemoryAnchorReader().anchor(batch);
    reverting.batchCount = async () => {
      throw new ContractCallError('batchCount() returned no data');
    };
    const good = new InMemoryAnchorReader().anchor(batch);
    const r = await verify(new FailoverAnchorReader(endpoints(reverting, good)));
    expect(r).toMatchObject({ verdict: 'wrong-chain', code: 'NOT_AN_ANCHOR_CONTRACT' });
    expect(good.calls).toBe(0);
  });

  it('offers code() only when every endpoint does, and needs at least one endpoint', () => {
    const plain = new InMemoryAnchorReader();
    const noCode = Object.assign(new InMemoryAnchorReader(), { code: undefined });
    expect(new FailoverAnchorReader(endpoints(plain)).code).toBeDefined();
    expect(new FailoverAnchorReader(endpoints(plain, noCode)).code).toBeUndefined();
    expect(() => new FailoverAnchorReader([])).toThrow(RangeError);
  });
});
