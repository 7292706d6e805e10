/**
 * The seq index's storage: for every ledger event in `$all` order (array index = seq - 1) its
 * `$all` position and its id, in flat typed arrays.
 *
 * Memory, and why: EventStoreDB has no notion of our contiguous `seq`, and it lets the same event
 * id live in two streams, while the port requires both a seq -> event mapping (readAll, subscribe)
 * and a store-wide unique id. So each process keeps, per ledger event, one (commit, prepare)
 * position pair (16 bytes) and the 128-bit id (16 bytes), plus an id -> seq table kept at most
 * half full (8-16 bytes): 40-48 bytes an event, up to twice that just after the arrays double,
 * i.e. roughly 40-100 MB per million events. The events themselves are never kept: reads go back
 * to the server. Strings or bigints per event would cost several times as much.
 */

export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

const INITIAL_CAPACITY = 1024;

export class LedgerEntries {
  private commits = new BigUint64Array(INITIAL_CAPACITY);
  private prepares = new BigUint64Array(INITIAL_CAPACITY);
  /** Four 32-bit words per id. */
  private ids = new Uint32Array(INITIAL_CAPACITY * 4);
  /** Open addressing, linear probing: slot holds a seq, 0 when empty. */
  private slots = new Int32Array(INITIAL_CAPACITY * 2);
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Precondition: `position` is after the last one pushed; `id` is a UUID not pushed before. */
  push(position: LogPosition, id: string): number {
    if (this.size === this.commits.length) this.grow();
    const index = this.size++;
    this.commits[index] = position.commit;
    this.prepares[index] = position.prepare;
    this.ids.set(uuidWords(id), index * 4);
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.insertSlot(index + 1);
    return index + 1;
  }

  positionOf(seq: number): LogPosition | undefined {
    if (!Number.isInteger(seq) || seq < 1 || seq > this.size) return undefined;
    return { commit: this.commits[seq - 1], prepare: this.prepares[seq - 1] };
  }

  /** Binary search over positions, which are strictly increasing. */
  seqAt(position: LogPosition): number | undefined {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const order = compareAt(this.commits[mid], this.prepares[mid], position);
      if (order === 0) return mid + 1;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  seqOfId(id: string): number | undefined {
    const words = uuidWords(id);
    const mask = this.slots.length - 1;
    for (let slot = hash(words) & mask; ; slot = (slot + 1) & mask) {
      const seq = this.slots[slot];
      if (seq === 0) return undefined;
      if (this.sameId(seq - 1, words)) return seq;
    }
  }

  private sameId(index: number, words: Uint32Array): boolean {
    const at = index * 4;
    return this.ids[at] === words[0] && this.ids[at + 1] === words[1] && this.ids[at + 2] === words[2] && this.ids[at + 3] === words[3];
  }

  private insertSlot(seq: number): void {
    const mask = this.slots.length - 1;
    let slot = hash(this.ids.subarray((seq - 1) * 4, seq * 4)) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = seq;
  }

  private grow(): void {
    const capacity = this.commits.length * 2;
    this.commits = copyInto(new BigUint64Array(capacity), this.commits);
    this.prepares = copyInto(new BigUint64Array(capacity), this.prepares);
    this.ids = copyInto(new Uint32Array(capacity * 4), this.ids);
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    for (let seq = 1; seq <= this.size; seq++) this.insertSlot(seq);
  }
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function compareAt(commit: bigint, prepare: bigint, position: LogPosition): number {
  return comparePositions({ commit, prepare }, position);
}

function copyInto<T extends BigUint64Array | Uint32Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}

/** Precondition: a UUID in canonical text form (the port requires UUID ids, and so does EventStoreDB). */
function uuidWords(id: string): Uint32Array {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`event id is not a UUID: ${id}`);
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) words[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return words;
}

/** The first and last words are random in v4 and v5 UUIDs alike (version and variant bits sit in the middle). */
function hash(words: Uint32Array): number {
  return (Math.imul(words[0] ^ words[3], 0x9e3779b1) >>> 0) ^ words[1];
}
