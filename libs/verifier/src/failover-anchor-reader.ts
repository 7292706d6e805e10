import { ChainUnavailableError, type AnchoredBatch, type AnchorReader } from './anchor-reader.port';

/** One RPC endpoint: a display name (never print credentials in it) and its reader. */
export interface Endpoint {
  readonly name: string;
  readonly reader: AnchorReader;
}

/** An endpoint that failed, and why. */
export interface EndpointFailure {
  readonly endpoint: string;
  readonly error: string;
}

/**
 * Several endpoints of the same chain behind one {@link AnchorReader}: each call goes to the
 * current endpoint and, on {@link ChainUnavailableError} only, moves on to the next (never back),
 * so a dead or rate-limited first RPC costs one timeout, not one per call. Other errors (a
 * revert, undecodable data) are answers, passed through unchanged.
 *
 * Answers are never mixed across chains: an endpoint taken over mid-verification must first
 * report the chain id already seen, or it is skipped as failed. When every endpoint has failed,
 * calls throw a {@link ChainUnavailableError} listing each failure.
 */
export class FailoverAnchorReader implements AnchorReader {
  private current = 0;
  private chain?: bigint;
  private confirmed = false;
  private readonly failed: EndpointFailure[] = [];
  readonly code?: (address: string) => Promise<string>;

  constructor(private readonly endpoints: readonly Endpoint[]) {
    if (endpoints.length === 0) throw new RangeError('FailoverAnchorReader needs at least one endpoint');
    if (endpoints.every((e) => e.reader.code)) this.code = (address) => this.run((r) => r.code!(address));
  }

  private answered?: string;

  /** The endpoint that answered last; undefined while none has. */
  get endpoint(): string | undefined {
    return this.answered;
  }

  /** Endpoints given up on so far, in order. */
  get failures(): readonly EndpointFailure[] {
    return this.failed;
  }

  async chainId(): Promise<bigint> {
    const id = BigInt(await this.run((r) => r.chainId()));
    if (this.chain === undefined) {
      this.chain = id;
      this.confirmed = true;
    }
    return id;
  }

  batchCount(): Promise<bigint | number> {
    return this.run((r) => r.batchCount());
  }

  batch(index: number): Promise<AnchoredBatch> {
    return this.run((r) => r.batch(index));
  }

  revokedAt(credentialKey: string): Promise<bigint | number> {
    return this.run((r) => r.revokedAt(credentialKey));
  }

  private async run<T>(call: (reader: AnchorReader) => Promise<T>): Promise<T> {
    while (this.current < this.endpoints.length) {
      const { name, reader } = this.endpoints[this.current];
      try {
        await this.confirmChain(reader);
        const value = await call(reader);
        this.answered = name;
        return value;
      } catch (e) {
        if (!(e instanceof ChainUnavailableError)) throw e;
        this.failed.push({ endpoint: name, error: e.message });
        this.current++;
        this.confirmed = false;
      }
    }
    const list = this.failed.map((f) => `${f.endpoint}: ${f.error}`).join('; ');
    throw new ChainUnavailableError(`all ${this.endpoints.length} RPC endpoint(s) failed (${list})`);
  }

  /** A replacement endpoint must serve the chain already seen. */
  private async confirmChain(reader: AnchorReader): Promise<void> {
    if (this.confirmed || this.chain === undefined) return;
    const id = BigInt(await reader.chainId());
    if (id !== this.chain) throw new ChainUnavailableError(`serves chain ${id}, not chain ${this.chain} seen earlier`);
    this.confirmed = true;
  }
}
