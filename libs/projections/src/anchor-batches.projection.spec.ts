import { AnchoredBatch, anchorBatchProjection, anchorHeadProjection, batchKey, contractKey } from './anchor-batches.projection';
import { InMemoryDocuments } from './in-memory-documents';

const contract = '0x00000000000000000000000000000000000000A1';
const batch = (index: number, fromSeq: number, toSeq: number, txHash: string): AnchoredBatch => ({
  index,
  root: `0x${String(index + 1).repeat(64)}`,
  fromSeq,
  toSeq,
  chainId: 31337,
  contract,
  txHash,
  blockNumber: index + 2,
});
let seq = 0;
const event = (type: string, data: object) => ({
  seq: ++seq,
  stream: 'anchor',
  type,
  data: data as Record<string, unknown>,
  recordedAt: '2026-11-25T10:00:00.000Z',
});

describe('anchor batches read model and a reorganisation', () => {
  it('drops an orphaned batch (its events read as not anchored) until it is anchored again, then shows the new transaction', () => {
    const docs = new InMemoryDocuments([anchorBatchProjection, anchorHeadProjection] as never);
    docs.apply(event('BatchAnchored', batch(0, 1, 4, '0xa0')));
    docs.apply(event('BatchAnchored', batch(1, 5, 9, '0xa1')));
    docs.apply(event('BatchAnchored', batch(2, 10, 12, '0xa2')));
    docs.apply(event('BatchOrphaned', { ...batch(2, 10, 12, '0xa2'), chainBatchCount: 1 }));
    docs.apply(event('BatchOrphaned', { ...batch(1, 5, 9, '0xa1'), chainBatchCount: 1 }));
    expect(docs.get('anchor-head', contractKey(31337, contract))).toEqual({ count: 1, toSeq: 4 });
    expect(docs.get('anchor-batch', batchKey(31337, contract, 1))).toBeUndefined();

    docs.apply(event('BatchAnchored', batch(1, 5, 9, '0xb1')));
    expect(docs.get('anchor-head', contractKey(31337, contract))).toEqual({ count: 2, toSeq: 9 });
    expect(docs.get<AnchoredBatch>('anchor-batch', batchKey(31337, contract, 1))?.txHash).toBe('0xb1');
  });
});
