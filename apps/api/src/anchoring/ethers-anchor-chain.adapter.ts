import {
  Contract,
  FetchRequest,
  getAddress,
  Interface,
  isAddress,
  isHexString,
  JsonRpcProvider,
  Transaction,
  Wallet,
  type FeeData,
  type TransactionReceipt,
  type TransactionResponse,
} from 'ethers';
import { ANCHOR_ABI } from './anchor-abi';
import { AnchorChain, AnchorRangeTakenError, ChainLocation, ChainReceipt, MAX_REVOKE_KEYS, OnChainBatch, revokeGasLimit, SentTransaction } from './anchor-chain.port';
import { redactRpcUrl } from './chain-config';
import { revokeCalldata } from './revoke-calldata';

export interface EthersAnchorChainOptions {
  rpcUrl: string;
  /** StackLedgerAnchor address. */
  contract: string;
  /** Key holding ANCHORER_ROLE. */
  privateKey: string;
  /** Blocks to wait for after each transaction (default 1). */
  confirmations?: number;
  /** What location() reports to verifiers; default: rpcUrl without credentials. */
  publicRpcUrl?: string;
  /** Ceiling on each JSON-RPC request, connect included (default 10 s). */
  requestTimeoutMs?: number;
  /** How long anchor()/revoke() wait for their confirmations before failing (default 10 min). */
  txTimeoutMs?: number;
  /** Block polling while waiting for a transaction (default 1 s). */
  pollingIntervalMs?: number;
  /** connect() refuses another chain (e.g. a deployment record's chainId). */
  expectedChainId?: number;
  /** Oldest block that can hold a BatchAnchored log (the deployment block; default 0). */
  deploymentBlock?: number;
}

/** The RPC endpoint cannot be reached or did not answer in time. The message carries no credentials. */
export class ChainUnavailableError extends Error {
  constructor(
    readonly operation: string,
    readonly rpcUrl: string,
    readonly reason: string,
  ) {
    super(`chain RPC ${rpcUrl} unavailable during ${operation}: ${reason}`);
    this.name = 'ChainUnavailableError';
  }
}

/** The contract reverted with one of its custom errors (other than the range race, see AnchorRangeTakenError). */
export class AnchorContractError extends Error {
  constructor(
    readonly operation: string,
    readonly errorName: string,
    readonly args: readonly unknown[],
    hint = '',
  ) {
    super(`${operation} reverted with ${errorName}(${args.map(String).join(', ')})${hint ? `: ${hint}` : ''}`);
    this.name = 'AnchorContractError';
  }
}

const anchorInterface = new Interface(ANCHOR_ABI);
/** How long fee data is reused; well under a block on any public chain, so the fees follow the base fee. */
const FEE_DATA_TTL_MS = 2_000;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * AnchorChain over ethers 6: one JsonRpcProvider with a static network (no endless network
 * detection when the RPC is down: every call fails within `requestTimeoutMs`), one wallet whose
 * transactions are sent one at a time with locally tracked nonces, and revert data decoded
 * against the contract's custom errors.
 */
export class EthersAnchorChain implements AnchorChain {
  readonly #provider: JsonRpcProvider;
  readonly #wallet: Wallet;
  readonly #contract: Contract;
  readonly #location: ChainLocation;
  readonly #confirmations: number;
  readonly #txTimeoutMs: number;
  readonly #pollingIntervalMs: number;
  /** Fee data, reused for a moment: a burst of revoke chunks asks for it once. */
  #fees: { at: number; data: Promise<FeeData> } | undefined;
  readonly #deploymentBlock: number;
  readonly #scrub: (text: string) => string;
  /** Serialises signing and broadcasting; confirmations are awaited outside it. */
  #sendQueue: Promise<unknown> = Promise.resolve();
  /** Our last broadcast (the RPC's pending count can lag behind it); forgotten after any send error. */
  #lastSent: { nonce: number; hash: string } | undefined;

  private constructor(provider: JsonRpcProvider, wallet: Wallet, location: ChainLocation, options: EthersAnchorChainOptions, scrub: (text: string) => string) {
    this.#provider = provider;
    this.#wallet = wallet;
    this.#location = location;
    this.#contract = new Contract(location.contract, anchorInterface, provider);
    this.#confirmations = options.confirmations ?? 1;
    this.#txTimeoutMs = options.txTimeoutMs ?? 600_000;
    this.#pollingIntervalMs = options.pollingIntervalMs ?? 1_000;
    this.#deploymentBlock = options.deploymentBlock ?? 0;
    this.#scrub = scrub;
  }

  /**
   * Asks the RPC for its chain id (bounded by `requestTimeoutMs`), checks a contract is deployed
   * at `contract`, and returns the adapter. Throws ChainUnavailableError when the RPC is down.
   */
  static async connect(options: EthersAnchorChainOptions): Promise<EthersAnchorChain> {
    const confirmations = options.confirmations ?? 1;
    if (!Number.isInteger(confirmations) || confirmations < 1) throw new Error('confirmations must be a positive integer');
    if (!isAddress(options.contract)) throw new Error('contract is not an address');
    let wallet: Wallet;
    try {
      wallet = new Wallet(options.privateKey);
    } catch {
      throw new Error('the anchorer private key is not a valid secp256k1 key');
    }
    const safeUrl = redactRpcUrl(options.rpcUrl);
    const scrub = scrubber(options.rpcUrl, safeUrl);
    const timeout = options.requestTimeoutMs ?? 10_000;
    const request = () => {
      const req = new FetchRequest(options.rpcUrl);
      req.timeout = timeout;
      // A throttled (429) RPC is retried a couple of times within the timeout, not 12 times.
      req.setThrottleParams({ maxAttempts: 2, slotInterval: 250 });
      return req;
    };

    const chainId = await rawChainId(request(), safeUrl, scrub);
    if (options.expectedChainId !== undefined && options.expectedChainId !== chainId) {
      throw new Error(`chain RPC ${safeUrl} serves chain ${chainId}, but the contract was deployed on chain ${options.expectedChainId}`);
    }
    const provider = new JsonRpcProvider(request(), chainId, {
      staticNetwork: true,
      batchMaxCount: 1,
      pollingInterval: options.pollingIntervalMs ?? 1_000,
    });
    const location: ChainLocation = {
      chainId,
      contract: getAddress(options.contract.toLowerCase()),
      rpcUrl: options.publicRpcUrl ? redactRpcUrl(options.publicRpcUrl) : safeUrl,
    };
    const chain = new EthersAnchorChain(provider, wallet.connect(provider), location, { ...options, confirmations }, scrub);
    try {
      const code = await chain.#read('connect', () => provider.getCode(location.contract));
      if (code === '0x') throw new Error(`no contract at ${location.contract} on chain ${chainId} (${safeUrl}): wrong ANCHOR_CONTRACT, or a restarted local chain`);
    } catch (error) {
      provider.destroy();
      throw error;
    }
    return chain;
  }

  location(): ChainLocation {
    return { ...this.#location };
  }

  /** The anchorer's address (for logs and role checks). */
  anchorerAddress(): string {
    return this.#wallet.address;
  }

  ping(): Promise<number> {
    return this.#read('ping', () => this.#provider.getBlockNumber());
  }

  async batchCount(): Promise<number> {
    return toSafeNumber(await this.#read('batchCount', () => this.#contract.batchCount() as Promise<bigint>), 'batchCount');
  }

  async batch(index: number): Promise<OnChainBatch> {
    checkIndex(index);
    const [root, fromSeq, toSeq, anchoredAt] = (await this.#read(`batch(${index})`, () => this.#contract.batch(index))) as [string, bigint, bigint, bigint];
    return {
      index,
      root,
      fromSeq: toSafeNumber(fromSeq, 'fromSeq'),
      toSeq: toSafeNumber(toSeq, 'toSeq'),
      anchoredAt: toSafeNumber(anchoredAt, 'anchoredAt'),
    };
  }

  async anchorReceipt(index: number): Promise<ChainReceipt> {
    checkIndex(index);
    const operation = `anchorReceipt(${index})`;
    const filter = this.#contract.filters.BatchAnchored(index);
    const logs = await this.#read(operation, () => this.#contract.queryFilter(filter, this.#deploymentBlock, 'latest'));
    const log = logs.find((entry) => !entry.removed);
    if (!log) throw new Error(`no BatchAnchored log for batch ${index} on ${this.#location.contract} (chain ${this.#location.chainId})`);
    return { txHash: log.transactionHash, blockNumber: log.blockNumber };
  }

  async anchor(root: string, fromSeq: number, toSeq: number): Promise<ChainReceipt> {
    if (!BYTES32.test(root)) throw new Error('anchor: root must be 0x-hex of 32 bytes');
    for (const [name, value] of [['fromSeq', fromSeq], ['toSeq', toSeq]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`anchor: ${name} must be a non-negative integer`);
    }
    return this.#transact('anchor', anchorInterface.encodeFunctionData('anchor', [root, fromSeq, toSeq]));
  }

  /** `sendRevoke` and its confirmations. */
  async revoke(keys: string[]): Promise<ChainReceipt> {
    return (await this.sendRevoke(keys)).wait();
  }

  async sendRevoke(keys: string[]): Promise<SentTransaction> {
    if (keys.length === 0) throw new Error('revoke: no credential key');
    if (keys.length > MAX_REVOKE_KEYS) throw new Error(`revoke: ${keys.length} keys, more than ${MAX_REVOKE_KEYS} per transaction`);
    const bad = keys.findIndex((key) => !BYTES32.test(key));
    if (bad >= 0) throw new Error(`revoke: key ${bad} is not 0x-hex of 32 bytes`);
    // A lean path, as 100,000 revocations go through it: no eth_estimateGas replaying the loop (the
    // limit is a measured bound; a revert still decodes, from its receipt), calldata written out, fee
    // data reused within a burst, signed and broadcast raw, and the receipt polled raw (ethers would
    // format its 320 logs), from 10 ms on rather than on the next block poll.
    const call = { to: this.#location.contract, from: this.#wallet.address, data: revokeCalldata(keys) };
    const txHash = await this.#serialised(async () => {
      const [nonce, fees] = await Promise.all([this.#nonce('revoke'), this.#feeData()]);
      const fields = fees.maxFeePerGas !== null ? { type: 2, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas } : { type: 0, gasPrice: fees.gasPrice };
      const tx = Transaction.from({ ...fields, chainId: this.#location.chainId, to: call.to, data: call.data, nonce, gasLimit: revokeGasLimit(keys.length) });
      tx.signature = this.#wallet.signingKey.sign(tx.unsignedHash);
      try {
        await this.#provider.send('eth_sendRawTransaction', [tx.serialized]);
      } catch (error) {
        this.#lastSent = undefined;
        this.#fees = undefined;
        throw this.#mapError('revoke', error);
      }
      this.#lastSent = { nonce, hash: tx.hash! };
      return tx.hash!;
    });
    return { txHash, wait: () => this.#polledReceipt('revoke', txHash, call) };
  }

  async receiptOf(txHash: string): Promise<ChainReceipt | undefined> {
    if (!BYTES32.test(txHash)) throw new Error('receiptOf: txHash must be 0x-hex of 32 bytes');
    const receipt = await this.#read('receiptOf', () => this.#provider.send('eth_getTransactionReceipt', [txHash]) as Promise<{ blockNumber: string; status: string } | null>);
    if (!receipt || receipt.status !== '0x1') return undefined;
    return { txHash, blockNumber: Number(BigInt(receipt.blockNumber)) };
  }

  async revokedAt(key: string): Promise<number> {
    if (!BYTES32.test(key)) throw new Error('revokedAt: key must be 0x-hex of 32 bytes');
    return toSafeNumber(await this.#read('revokedAt', () => this.#contract.revokedAt(key) as Promise<bigint>), 'revokedAt');
  }

  async close(): Promise<void> {
    this.#provider.destroy();
  }

  /** Runs a read, turning transport failures into ChainUnavailableError and reverts into AnchorContractError. */
  async #read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.#mapError(operation, error);
    }
  }

  /** Sends and waits for the confirmations. */
  async #transact(operation: string, data: string): Promise<ChainReceipt> {
    return this.#confirm(operation, await this.#send(operation, data));
  }

  /** Estimates (a revert surfaces here, decoded), signs with the next nonce and broadcasts, one transaction at a time. */
  #send(operation: string, data: string): Promise<TransactionResponse> {
    const to = this.#location.contract;
    const from = this.#wallet.address;
    return this.#serialised(async () => {
      const gasLimit = await this.#read(operation, () => this.#provider.estimateGas({ to, from, data }));
      const nonce = await this.#nonce(operation);
      try {
        const response = await this.#wallet.sendTransaction({ to, data, nonce, gasLimit: (gasLimit * 12n) / 10n, chainId: this.#location.chainId });
        this.#lastSent = { nonce, hash: response.hash };
        return response;
      } catch (error) {
        this.#lastSent = undefined;
        throw this.#mapError(operation, error);
      }
    });
  }

  /**
   * The RPC's pending count, unless our last broadcast is newer and the node still knows it (a
   * lagging RPC). A transaction the node no longer knows was dropped, e.g. by a reorganisation:
   * its nonce is free again, and using ours would leave every later transaction waiting forever.
   */
  async #nonce(operation: string): Promise<number> {
    const from = this.#wallet.address;
    // eth_getTransactionCount through send(): getTransactionCount() may answer from ethers' 250 ms request cache.
    const pending = Number(BigInt(await this.#read(operation, () => this.#provider.send('eth_getTransactionCount', [from, 'pending']) as Promise<string>)));
    const last = this.#lastSent;
    if (!last || last.nonce < pending) return pending;
    const known = await this.#read(operation, () => this.#provider.send('eth_getTransactionByHash', [last.hash]) as Promise<unknown>);
    return known ? last.nonce + 1 : pending;
  }

  /**
   * Waits for the confirmations. A transaction mined but reverted (a race lost between estimate and
   * mining) is replayed with eth_call at its block to decode why.
   */
  async #confirm(operation: string, response: TransactionResponse): Promise<ChainReceipt> {
    let receipt: TransactionReceipt | null;
    try {
      receipt = await response.wait(this.#confirmations, this.#txTimeoutMs);
    } catch (error) {
      const failed = (error as { receipt?: TransactionReceipt | null }).receipt;
      if (failed && failed.status === 0) throw await this.#whyReverted(operation, response, failed);
      throw this.#mapError(`${operation} (tx ${response.hash})`, error);
    }
    if (!receipt) throw new Error(`${operation}: transaction ${response.hash} has no receipt`);
    if (receipt.status !== 1) throw await this.#whyReverted(operation, response, receipt);
    return { txHash: receipt.hash, blockNumber: receipt.blockNumber };
  }

  async #whyReverted(operation: string, response: TransactionResponse, receipt: TransactionReceipt): Promise<Error> {
    return this.#whyRevertedAt(operation, { to: response.to!, from: response.from, data: response.data }, receipt.hash, receipt.blockNumber);
  }

  async #whyRevertedAt(operation: string, call: { to: string; from: string; data: string }, hash: string, blockNumber: number): Promise<Error> {
    try {
      await this.#provider.call({ ...call, blockTag: blockNumber });
    } catch (error) {
      const mapped = this.#mapError(operation, error);
      if (!(mapped instanceof ChainUnavailableError)) return mapped;
    }
    return new Error(`${operation}: transaction ${hash} reverted in block ${blockNumber}`);
  }

  /** Polls for the receipt (10 ms, doubling up to the polling interval) until it has its confirmations; a revert is decoded. */
  async #polledReceipt(operation: string, hash: string, call: { to: string; from: string; data: string }): Promise<ChainReceipt> {
    const deadline = Date.now() + this.#txTimeoutMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, this.#pollingIntervalMs)) {
      const receipt = await this.#read(operation, () => this.#provider.send('eth_getTransactionReceipt', [hash]) as Promise<{ blockNumber: string; status: string } | null>);
      if (receipt) {
        const blockNumber = Number(BigInt(receipt.blockNumber));
        if (receipt.status !== '0x1') throw await this.#whyRevertedAt(operation, call, hash, blockNumber);
        if (this.#confirmations === 1 || (await this.ping()) - blockNumber + 1 >= this.#confirmations) return { txHash: hash, blockNumber };
      }
      if (Date.now() > deadline) throw new Error(`${operation}: transaction ${hash} not confirmed within ${this.#txTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  #feeData(): Promise<FeeData> {
    if (!this.#fees || Date.now() - this.#fees.at > FEE_DATA_TTL_MS) {
      const data = this.#read('feeData', () => this.#provider.getFeeData());
      this.#fees = { at: Date.now(), data };
      data.catch(() => (this.#fees = undefined));
    }
    return this.#fees.data;
  }

  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#sendQueue.then(task, task);
    this.#sendQueue = run.catch(() => undefined);
    return run;
  }

  #mapError(operation: string, error: unknown): Error {
    if (error instanceof AnchorRangeTakenError || error instanceof AnchorContractError || error instanceof ChainUnavailableError) return error;
    const data = revertData(error);
    if (data) {
      let parsed: ReturnType<Interface['parseError']> = null;
      try {
        parsed = anchorInterface.parseError(data);
      } catch {
        parsed = null;
      }
      if (parsed?.name === 'StackLedgerAnchorNonContiguousRange') {
        return new AnchorRangeTakenError(toSafeNumber(parsed.args[0] as bigint, 'expectedFromSeq'), toSafeNumber(parsed.args[1] as bigint, 'fromSeq'));
      }
      if (parsed) {
        const hint = parsed.name === 'AccessControlUnauthorizedAccount' ? 'the anchorer key lacks ANCHORER_ROLE on this contract' : '';
        return new AnchorContractError(operation, parsed.name, [...parsed.args], hint);
      }
      return new Error(`${operation} reverted (data ${data.slice(0, 74)})`);
    }
    const code = (error as { code?: string })?.code;
    if (code === 'CALL_EXCEPTION') return new Error(this.#scrub(`${operation} reverted without data: ${shortMessage(error)}`));
    if (isTransportError(error)) return new ChainUnavailableError(operation, this.#location.rpcUrl, this.#scrub(shortMessage(error)));
    const wrapped = new Error(this.#scrub(`${operation} failed: ${shortMessage(error)}`));
    (wrapped as { code?: string }).code = code;
    return wrapped;
  }
}

async function rawChainId(request: FetchRequest, safeUrl: string, scrub: (text: string) => string): Promise<number> {
  request.body = { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] };
  request.setHeader('content-type', 'application/json');
  try {
    const response = await request.send();
    response.assertOk();
    const body = response.bodyJson as { result?: unknown; error?: { message?: string } };
    if (typeof body.result !== 'string' || !isHexString(body.result)) {
      throw new Error(`eth_chainId answered ${body.error?.message ? `an error: ${body.error.message}` : 'without a chain id'}`);
    }
    return Number(BigInt(body.result));
  } catch (error) {
    throw new ChainUnavailableError('connect', safeUrl, scrub(shortMessage(error)));
  }
}

/** Replaces the configured URL (which may carry an API key) by its redacted form in any message. */
function scrubber(rawUrl: string, safeUrl: string): (text: string) => string {
  const variants = new Set<string>([rawUrl]);
  try {
    const url = new URL(rawUrl);
    variants.add(url.href);
    if (url.password) variants.add(url.password);
    if (url.username) variants.add(url.username);
    if (url.search) variants.add(url.search);
    for (const segment of url.pathname.split('/')) if (segment.length >= 12 && !safeUrl.includes(segment)) variants.add(segment);
  } catch {
    // Not a URL: the raw string is all there is to hide.
  }
  const sorted = [...variants].filter(Boolean).sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, secret) => out.split(secret).join(secret === rawUrl ? safeUrl : '…'), text);
}

/** The hex revert data in an ethers error (CALL_EXCEPTION's `data`, or nested in the RPC error). */
function revertData(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  const data = record.data;
  if (typeof data === 'string' && isHexString(data) && data.length >= 10) return data;
  if (data && typeof data === 'object') {
    const nested = revertData(data, depth + 1);
    if (nested) return nested;
  }
  for (const key of ['error', 'info', 'cause']) {
    const nested = revertData(record[key], depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

const TRANSPORT_CODES = new Set(['TIMEOUT', 'NETWORK_ERROR', 'SERVER_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE']);

function isTransportError(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown; error?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && TRANSPORT_CODES.has(e.code)) return true;
    e = (e.cause ?? e.error) as typeof e;
  }
  return /ECONNREFUSED|ECONNRESET|ENOTFOUND|timeout|socket hang up/i.test(shortMessage(error));
}

function shortMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { shortMessage?: string; message?: string; code?: string };
    const text = e.shortMessage || e.message || String(error);
    return e.code && !text.includes(e.code) ? `${text} (${e.code})` : text;
  }
  return String(error);
}

function toSafeNumber(value: bigint, name: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${name} ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return Number(value);
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`batch index must be a non-negative integer, got ${index}`);
}
