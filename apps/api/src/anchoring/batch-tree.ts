import { EventStore } from '@stackledger/event-store';
import { eventHashBytes, initMerkle, leafBytesOf, MerkleTree } from '@stackledger/merkle';

/** Events read per page when the store keeps no leaves and they must be computed. */
const PAGE = 10_000;

/**
 * The tree of one batch (SPEC section 6) over the events `fromSeq..toSeq`: the store's stored
 * leaves when it keeps them (`readLeaves`), otherwise leaves computed from the events.
 * Preconditions: 1 <= fromSeq <= toSeq <= head.
 */
export async function batchTreeOf(store: EventStore, fromSeq: number, toSeq: number): Promise<MerkleTree> {
  await initMerkle();
  const leaves = store.readLeaves ? await store.readLeaves(fromSeq, toSeq) : await computeLeaves(store, fromSeq, toSeq);
  return MerkleTree.fromFlatLeaves(leaves);
}

async function computeLeaves(store: EventStore, fromSeq: number, toSeq: number): Promise<Uint8Array> {
  const out = new Uint8Array((toSeq - fromSeq + 1) * 32);
  for (let seq = fromSeq; seq <= toSeq; ) {
    const page = await store.readAll(seq, Math.min(PAGE, toSeq - seq + 1));
    if (page.length === 0 || page[0].seq !== seq) throw new Error(`batch ${fromSeq}..${toSeq}: seq ${seq} is missing`);
    for (const event of page) out.set(leafBytesOf(eventHashBytes(event)), (event.seq - fromSeq) * 32);
    seq += page.length;
  }
  return out;
}
