import { ChainUnavailableError, ContractCallError, type AnchoredBatch, type AnchorReader } from './anchor-reader.port';
import type { ChainFact, ChainReadReport, Disagreement, EndpointReport } from './verdict';

/** One RPC endpoint: a display name (never print credentials in it) and its reader. */
export interface Endpoint {
  readonly name: string;
  readonly reader: AnchorReader;
}

/**
 * How far behind the newest block any endpoint reports an endpoint may be and still be read:
 * about 2.4 minutes of Ethereum blocks. It bounds how stale the verdict can be made: every fact
 * is read at the LOWEST newest block among the endpoints kept, so a node claiming to lag can
 * move the read back by at most this many blocks.
 */
export const DEFAULT_MAX_LAG_BLOCKS = 12;

export interface ConsensusOptions {
  /** The chain every endpoint must serve (pinned by the verifier); any other is {@link PinnedChainError}. */
  readonly chainId?: number;
  /** Default {@link DEFAULT_MAX_LAG_BLOCKS}. Preconditions: a safe integer >= 0. */
  readonly maxLagBlocks?: number;
}

/** Two endpoints that answered gave different answers for one fact. */
export class InconsistentChainError extends Error {
  constructor(readonly disagreement: Disagreement) {
    const at = disagreement.block === undefined ? '' : ` at block ${disagreement.block}`;
    const answers = disagreement.answers.map((a) => `${a.endpoint} says ${a.answer}`).join('; ');
    super(`the RPC endpoints disagree on ${disagreement.call}${at}: ${answers}`);
    this.name = 'InconsistentChainError';
  }
}

/** Two or more endpoints were given, but fewer than two could be read. */
export class QuorumNotMetError extends ChainUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'QuorumNotMetError';
  }
}

/** An endpoint serves another chain than the pinned one. */
export class PinnedChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PinnedChainError';
  }
}

type Member = Endpoint & { status: EndpointReport['status']; chainId?: bigint; head?: bigint; error?: string };

const CONTRACT_ERROR = '\u0000contract-error';

/**
 * Reads every chain fact from EVERY endpoint that answers, at ONE block, and returns a fact only
 * when all of them gave the same answer and at least `quorum` of them answered (2 when two or
 * more endpoints were given, else 1). {@link open} first asks each endpoint its chain id and newest
 * block (all at once, so dead endpoints cost one timeout together), sets aside those more than
 * `maxLagBlocks` behind the newest, and reads at the lowest newest block of the rest (a node
 * cannot answer for a block it does not have yet).
 *
 * An endpoint that cannot answer a read is dropped for the rest of the verification. A revert or
 * undecodable data is an answer like any other (an honest node gives the same one). Throws
 * {@link InconsistentChainError}, {@link PinnedChainError}, {@link QuorumNotMetError},
 * {@link ChainUnavailableError} (every endpoint failed) or, when all agree the contract did not
 * answer as a StackLedgerAnchor, that {@link ContractCallError}.
 */
export class ConsensusReader {
  readonly quorum: number;
  private readonly members: Member[];
  private readonly maxLag: bigint;
  private chain?: bigint;
  private at?: bigint;

  constructor(
    endpoints: readonly Endpoint[],
    private readonly options: ConsensusOptions = {},
  ) {
    if (endpoints.length === 0) throw new RangeError('ConsensusReader needs at least one endpoint');
    const maxLag = options.maxLagBlocks ?? DEFAULT_MAX_LAG_BLOCKS;
    if (!Number.isSafeInteger(maxLag) || maxLag < 0) throw new RangeError(`maxLagBlocks must be a safe integer >= 0, got ${maxLag}`);
    this.maxLag = BigInt(maxLag);
    this.members = endpoints.map((e) => ({ ...e, status: 'answered' }));
    this.quorum = endpoints.length >= 2 ? 2 : 1;
  }

  /** The chain id all endpoints agreed on. Preconditions: {@link open} resolved. */
  get chainId(): bigint {
    return this.chain!;
  }

  /** The block every fact is read at. Preconditions: {@link open} resolved. */
  get block(): bigint {
    return this.at!;
  }

  /** Whether every endpoint can report code (else the code check is skipped, as with one such reader). */
  get readsCode(): boolean {
    return this.members.every((m) => m.reader.code);
  }

  async open(): Promise<void> {
    await Promise.all(
      this.members.map(async (m) => {
        try {
          const [id, head] = await Promise.all([m.reader.chainId(), m.reader.blockNumber()]);
          m.chainId = counting(id, 'chain id', 1n);
          m.head = counting(head, 'newest block', 0n);
        } catch (e) {
          this.drop(m, e);
        }
      }),
    );
    const live = this.live();
    const pinned = this.options.chainId;
    const off = pinned === undefined ? [] : live.filter((m) => m.chainId !== BigInt(pinned));
    if (off.length > 0)
      throw new PinnedChainError(off.map((m) => `${m.name} serves chain ${m.chainId}, not the pinned chain ${pinned}`).join('; '));
    if (new Set(live.map((m) => m.chainId)).size > 1) {
      throw new InconsistentChainError({
        fact: 'chainId',
        call: 'eth_chainId',
        answers: live.map((m) => ({ endpoint: m.name, answer: String(m.chainId) })),
      });
    }
    const newest = live.reduce((max, m) => (m.head! > max ? m.head! : max), 0n);
    for (const m of live) {
      if (newest - m.head! <= this.maxLag) continue;
      m.status = 'lagging';
      m.error = `lags ${newest - m.head!} blocks behind the newest block ${newest} (more than ${this.maxLag})`;
    }
    this.requireQuorum();
    this.chain = this.live()[0].chainId;
    this.at = this.live().reduce((min, m) => (m.head! < min ? m.head! : min), newest);
  }

  code(address: string): Promise<string> {
    return this.ask(
      'code',
      `eth_getCode(${address})`,
      (r) => r.code!(address, this.block),
      (c) => String(c).toLowerCase(),
      showCode,
    );
  }

  batchCount(): Promise<bigint | number> {
    return this.ask('batchCount', 'batchCount()', (r) => r.batchCount(this.block), String);
  }

  batch(index: number): Promise<AnchoredBatch> {
    return this.ask('batch', `batch(${index})`, (r) => r.batch(index, this.block), showBatch);
  }

  revokedAt(credentialKey: string): Promise<bigint | number> {
    return this.ask(
      'revokedAt',
      `revokedAt(${credentialKey.toLowerCase()})`,
      (r) => r.revokedAt(credentialKey, this.block),
      String,
      showRevokedAt,
    );
  }

  report(): ChainReadReport {
    return {
      quorum: this.quorum,
      ...(this.at !== undefined && { block: Number(this.at) }),
      endpoints: this.members.map((m) => ({
        endpoint: m.name,
        status: m.status,
        ...(m.chainId !== undefined && { chainId: Number(m.chainId) }),
        ...(m.head !== undefined && { head: Number(m.head) }),
        ...(m.error !== undefined && { error: m.error }),
      })),
    };
  }

  private live(): Member[] {
    return this.members.filter((m) => m.status === 'answered');
  }

  private drop(m: Member, e: unknown, fact?: ChainFact): void {
    m.status = 'failed';
    const message = e instanceof Error ? e.message : String(e);
    m.error = fact ? `${fact}: ${message}` : message;
  }

  private requireQuorum(): void {
    const answering = this.live().length;
    if (answering >= this.quorum) return;
    const n = this.members.length;
    const why = this.members
      .filter((m) => m.status !== 'answered')
      .map((m) => `${m.name}: ${m.error}`)
      .join('; ');
    if (answering === 0) throw new ChainUnavailableError(`all ${n} RPC endpoint(s) failed (${why})`);
    throw new QuorumNotMetError(
      `only ${answering} of ${n} RPC endpoints answered (${why}); with two or more given, a verdict from the chain needs two that agree`,
    );
  }

  /** One fact from every live endpoint at the block; returned only when all answers agree. */
  private async ask<T>(
    fact: ChainFact,
    call: string,
    read: (r: AnchorReader) => Promise<T>,
    key: (v: T) => string,
    show: (v: T) => string = key,
  ): Promise<T> {
    const outcomes = await Promise.all(
      this.live().map(async (m) => {
        try {
          const value = await read(m.reader);
          return { m, value, key: key(value), shown: show(value) };
        } catch (e) {
          return { m, error: e };
        }
      }),
    );
    const answers = outcomes
      .filter((o) => {
        if (!('error' in o) || o.error instanceof ContractCallError) return true;
        this.drop(o.m, o.error, fact);
        return false;
      })
      .map((o) => ('error' in o ? { ...o, key: CONTRACT_ERROR, shown: `an error (${(o.error as Error).message})` } : o));
    if (new Set(answers.map((a) => a.key)).size > 1) {
      throw new InconsistentChainError({
        fact,
        call,
        block: Number(this.block),
        answers: answers.map((a) => ({ endpoint: a.m.name, answer: a.shown })),
      });
    }
    this.requireQuorum();
    const first = answers[0];
    if ('error' in first) throw first.error;
    return first.value as T;
  }
}

/** A chain id or block number as a bigint; anything else means the endpoint did not answer as a node. */
function counting(value: unknown, what: string, least: bigint): bigint {
  const n = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (n === undefined || n < least || n > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ChainUnavailableError(`answered ${String(value)} as its ${what}`);
  return n;
}

function showCode(code: string): string {
  const text = String(code);
  return /^0x$/i.test(text) ? 'no code' : `${Math.max(0, (text.length - 2) / 2)} bytes of code (${text.slice(0, 10)}…)`;
}

function showBatch(b: AnchoredBatch): string {
  return `root ${String(b.root).toLowerCase()} over [${b.fromSeq}, ${b.toSeq}] anchored at ${b.anchoredAt}`;
}

function showRevokedAt(seconds: bigint | number): string {
  if (String(seconds) === '0') return '0 (not revoked)';
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? `${seconds} (revoked at ${new Date(ms).toISOString()})` : String(seconds);
}
