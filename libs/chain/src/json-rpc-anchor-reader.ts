import { anchorInterface } from './anchor-abi';
import { ChainUnavailableError, ContractCallError } from './chain-errors';
import { FetchRpcTransport, type FetchRpcTransportOptions } from './fetch-rpc.transport';
import { revertDataOf, revertError } from './revert';
import type { RpcErrorObject, RpcTransport } from './rpc-transport.port';

/** A block to read at: a number, or `latest` where the caller does not compare several reads. */
export type BlockRef = bigint | number | 'latest';

/** A batch as the contract returns it. */
export interface ContractBatch {
  /** 0x-hex, 32 bytes, lower case. */
  readonly root: string;
  readonly fromSeq: bigint;
  readonly toSeq: bigint;
  /** Block time of the anchoring transaction, seconds since the epoch. */
  readonly anchoredAt: bigint;
}

/** Where a log was found. `removed` is set by a node that reports a log a reorganisation undid. */
export interface LogPlace {
  readonly txHash: string;
  readonly blockNumber: number;
  readonly removed: boolean;
}

export interface BatchAnchoredLog extends LogPlace {
  readonly index: bigint;
  readonly root: string;
  readonly fromSeq: bigint;
  readonly toSeq: bigint;
}

export interface CredentialRevokedLog extends LogPlace {
  /** Lower-case 0x-hex. */
  readonly credentialKey: string;
  readonly revokedAt: bigint;
}

interface RawLog {
  topics: string[];
  data: string;
  transactionHash: string;
  blockNumber: string;
  removed?: boolean;
}

/**
 * The StackLedgerAnchor contract read over one JSON-RPC endpoint, the same for the verifier (in
 * Node and in the browser), the audit and the API: `eth_chainId`, `eth_blockNumber`, and
 * `eth_getCode`, the view functions and the contract's logs at the block the caller names (the
 * verifier names one number for every read, as `latest` can move between two reads). ethers is
 * used only for ABI coding ({@link anchorInterface}).
 *
 * Errors: {@link ChainUnavailableError} when the endpoint could not answer, a JSON-RPC error other
 * than a revert included (a block it does not have, a rate limit); {@link ContractCallError} for
 * a revert (decoded against the contract's errors) or empty or undecodable return data.
 */
export class JsonRpcAnchorReader {
  readonly transport: RpcTransport;

  /**
   * `endpoint`: an http(s) URL (read over `fetch` with `options`) or a transport. `contract`: the
   * trusted contract's 20-byte 0x-hex address.
   */
  constructor(
    endpoint: string | RpcTransport,
    readonly contract: string,
    options: FetchRpcTransportOptions = {},
  ) {
    this.transport = typeof endpoint === 'string' ? new FetchRpcTransport(endpoint, options) : endpoint;
  }

  async chainId(): Promise<bigint> {
    return this.quantity('eth_chainId', await this.request('eth_chainId', []));
  }

  async blockNumber(): Promise<bigint> {
    return this.quantity('eth_blockNumber', await this.request('eth_blockNumber', []));
  }

  /** `0x` when no contract lives at `address`. */
  async code(address: string, block: BlockRef): Promise<string> {
    const code = await this.request('eth_getCode', [address, blockTag(block)]);
    if (typeof code !== 'string') throw this.unavailable('eth_getCode returned no string');
    return code;
  }

  async batchCount(block: BlockRef): Promise<bigint> {
    return (await this.call('batchCount', [], block))[0] as bigint;
  }

  /** Preconditions: 0 <= index < batchCount (else the contract reverts, a ContractCallError). */
  async batch(index: number | bigint, block: BlockRef): Promise<ContractBatch> {
    const [root, fromSeq, toSeq, anchoredAt] = await this.call('batch', [index], block);
    return { root: String(root).toLowerCase(), fromSeq: fromSeq as bigint, toSeq: toSeq as bigint, anchoredAt: anchoredAt as bigint };
  }

  async batchOfSeq(seq: number | bigint, block: BlockRef): Promise<bigint> {
    return (await this.call('batchOfSeq', [seq], block))[0] as bigint;
  }

  /** Seconds since the epoch, 0 when not revoked. Preconditions: 0x-hex, 32 bytes. */
  async revokedAt(credentialKey: string, block: BlockRef): Promise<bigint> {
    return (await this.call('revokedAt', [credentialKey], block))[0] as bigint;
  }

  /** `BatchAnchored` logs between two blocks, of batch `index` only when given. */
  async batchAnchoredLogs(index: number | bigint | undefined, fromBlock: BlockRef, toBlock: BlockRef): Promise<BatchAnchoredLog[]> {
    return (await this.logs('BatchAnchored', [index ?? null], fromBlock, toBlock)).map(({ args, ...place }) => ({
      ...place,
      index: args[0] as bigint,
      root: String(args[1]).toLowerCase(),
      fromSeq: args[2] as bigint,
      toSeq: args[3] as bigint,
    }));
  }

  /** `CredentialRevoked` logs between two blocks (public nodes cap the span: ask window by window). */
  async credentialRevokedLogs(fromBlock: BlockRef, toBlock: BlockRef): Promise<CredentialRevokedLog[]> {
    return (await this.logs('CredentialRevoked', [], fromBlock, toBlock)).map(({ args, ...place }) => ({
      ...place,
      credentialKey: String(args[0]).toLowerCase(),
      revokedAt: args[1] as bigint,
    }));
  }

  private async call(fn: string, args: readonly unknown[], block: BlockRef): Promise<readonly unknown[]> {
    const operation = `${fn}(${args.map(String).join(', ')})`;
    const data = anchorInterface.encodeFunctionData(fn, args);
    const reply = await this.transport.send('eth_call', [{ to: this.contract, data }, blockTag(block)]);
    if ('error' in reply) {
      if (!isRevert(reply.error)) throw this.rpcError('eth_call', reply.error);
      const revertData = revertDataOf(reply.error);
      throw revertData
        ? revertError(operation, revertData)
        : new ContractCallError(`${operation} reverted: ${reply.error.message ?? 'no reason given'}`);
    }
    if (typeof reply.result !== 'string' || reply.result === '0x') throw new ContractCallError(`${fn}() returned no data`);
    try {
      return anchorInterface.decodeFunctionResult(fn, reply.result).toArray();
    } catch {
      throw new ContractCallError(`${fn}() returned data that does not decode`);
    }
  }

  private async logs(event: 'BatchAnchored' | 'CredentialRevoked', values: unknown[], fromBlock: BlockRef, toBlock: BlockRef) {
    const topics = anchorInterface.encodeFilterTopics(event, values);
    const filter = { address: this.contract, topics, fromBlock: blockTag(fromBlock), toBlock: blockTag(toBlock) };
    const logs = await this.request('eth_getLogs', [filter]);
    if (!Array.isArray(logs)) throw this.unavailable('eth_getLogs returned no list');
    return (logs as RawLog[]).map((log) => {
      const parsed = anchorInterface.parseLog({ topics: log.topics, data: log.data });
      if (!parsed || parsed.name !== event) throw new ContractCallError(`a log the node gave as ${event} does not decode`);
      const blockNumber = Number(this.quantity('eth_getLogs', log.blockNumber));
      return { args: parsed.args.toArray(), txHash: log.transactionHash, blockNumber, removed: log.removed === true };
    });
  }

  /** The result of `method`, any JSON-RPC error being the endpoint's failure. */
  private async request(method: string, params: readonly unknown[]): Promise<unknown> {
    const reply = await this.transport.send(method, params);
    if ('error' in reply) throw this.rpcError(method, reply.error);
    return reply.result;
  }

  private rpcError(method: string, error: RpcErrorObject): ChainUnavailableError {
    return this.unavailable(
      `${method}: JSON-RPC error ${error.code ?? ''} ${error.message ?? `error ${error.code}`}`.replace(/ +/g, ' ').trim(),
    );
  }

  private quantity(method: string, value: unknown): bigint {
    if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value))
      throw this.unavailable(`${method}: not a hex quantity: ${String(value)}`);
    return BigInt(value);
  }

  private unavailable(message: string): ChainUnavailableError {
    return new ChainUnavailableError(message, this.transport.endpoint);
  }
}

/** A JSON-RPC block: `latest`, or 0x-hex without leading zeros. */
export function blockTag(block: BlockRef): string {
  return block === 'latest' ? block : `0x${BigInt(block).toString(16)}`;
}

/** Nodes answer a revert with code 3 (geth), or a message that says so (Hardhat, others). */
function isRevert(error: RpcErrorObject): boolean {
  return error.code === 3 || /revert/i.test(error.message ?? '');
}
