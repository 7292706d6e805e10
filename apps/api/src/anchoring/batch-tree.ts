import { capability, EventStore, LeafReader } from '@stackledger/event-store';
import { canonicalEventJson, initMerkle, leavesOfTexts, MerkleTree } from '@stackledger/merkle';

/** Events read per page when the store keeps no leaves and they must be computed. */
const PAGE = 10_000;

/**
 * The Merkle tree of one batch over the events `fromSeq..toSeq`: the store's stored
 * leaves when it keeps them (`LeafReader`), otherwise leaves computed from the events.
 * Preconditions: 1 <= fromSeq <= toSeq <= head.
 */
export async function batchTreeOf(store: EventStore, fromSeq: number, toSeq: number): Promise<MerkleTree> {
  await initMerkle();
  const stored = capability(store, LeafReader);
  const leaves = stored ? await stored.readLeaves(fromSeq, toSeq) : await computeLeaves(store, fromSeq, toSeq);
  return MerkleTree.fromFlatLeaves(leaves);
}

async function computeLeaves(store: EventStore, fromSeq: number, toSeq: number): Promise<Uint8Array> {
  const out = new Uint8Array((toSeq - fromSeq + 1) * 32);
  for (let seq = fromSeq; seq <= toSeq;) {
    const page = await store.readAll(seq, Math.min(PAGE, toSeq - seq + 1));
    const gap = page.findIndex((event, i) => event.seq !== seq + i);
    if (page.length === 0 || gap >= 0) throw new Error(`batch ${fromSeq}..${toSeq}: seq ${seq + Math.max(gap, 0)} is missing`);
    // A page's leaves in one call into WASM: keccak256(keccak256(utf8(JCS(event)))) each.
    out.set(leavesOfTexts(page.map(canonicalEventJson)), (seq - fromSeq) * 32);
    seq += page.length;
  }
  return out;
}
