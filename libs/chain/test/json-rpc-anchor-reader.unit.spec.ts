import { anchorInterface as abi, ChainUnavailableError, ContractCallError, JsonRpcAnchorReader } from '../src';

const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
type Handler = (body: { method: string; params: any[] }) => Response | Promise<Response>;

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const readerWith = (handler: Handler, timeoutMs = 200) =>
  new JsonRpcAnchorReader('http://rpc.test', CONTRACT, {
    timeoutMs,
    fetch: (async (_url: unknown, init?: RequestInit) => handler(JSON.parse(String(init?.body)))) as typeof fetch,
  });

describe('JsonRpcAnchorReader', () => {
  it('reads chainId and the newest block, then code, batchCount, batch and revokedAt at that explicit block, never at latest', async () => {
    const root = `0x${'12'.repeat(32)}`;
    const blocks: unknown[] = [];
    const reader = readerWith(({ method, params }) => {
      if (method === 'eth_chainId') return json({ jsonrpc: '2.0', id: 1, result: '0x7a69' });
      if (method === 'eth_blockNumber') return json({ jsonrpc: '2.0', id: 1, result: '0x2a' });
      blocks.push(params[1]);
      if (method === 'eth_getCode') return json({ jsonrpc: '2.0', id: 1, result: '0x6080' });
      const call = abi.parseTransaction({ data: params[0].data })!;
      expect(params[0].to).toBe(CONTRACT);
      const out: Record<string, unknown[]> = { batchCount: [2], batch: [root, 1, 7, 1_768_471_203], revokedAt: [0] };
      return json({ jsonrpc: '2.0', id: 1, result: abi.encodeFunctionResult(call.name, out[call.name]) });
    });
    expect(await reader.chainId()).toBe(31337n);
    const block = await reader.blockNumber();
    expect(block).toBe(42n);
    expect(await reader.code(CONTRACT, block)).toBe('0x6080');
    expect(await reader.batchCount(block)).toBe(2n);
    expect(await reader.batch(1, block)).toEqual({ root, fromSeq: 1n, toSeq: 7n, anchoredAt: 1_768_471_203n });
    expect(await reader.revokedAt(root, block)).toBe(0n);
    expect(blocks).toEqual(['0x2a', '0x2a', '0x2a', '0x2a']);
  });

  it('a node without the block asked ("header not found") -> ChainUnavailableError, not a contract answer', async () => {
    const reader = readerWith(() => json({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'header not found' } }));
    await expect(reader.revokedAt(`0x${'12'.repeat(32)}`, 99n)).rejects.toThrow(ChainUnavailableError);
  });

  it.each([
    ['HTTP 429', () => new Response('slow down', { status: 429 }), /rate limited \(HTTP 429\)/],
    ['HTTP 503', () => new Response('', { status: 503 }), /HTTP 503/],
    ['not JSON', () => new Response('<html>', { status: 200 }), /not JSON/],
    ['JSON null', () => json(null), /not a JSON-RPC object/],
    ['JSON-RPC rate limit', () => json({ jsonrpc: '2.0', id: 1, error: { code: -32005, message: 'limit exceeded' } }), /limit exceeded/],
    [
      'network error',
      () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
      /ECONNREFUSED/,
    ],
  ])('%s -> ChainUnavailableError', async (_name, reply, message) => {
    const error = await readerWith(reply as Handler)
      .batchCount(1n)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainUnavailableError);
    expect((error as Error).message).toMatch(message);
  });

  it('no answer within the timeout -> ChainUnavailableError', async () => {
    const reader = new JsonRpcAnchorReader('http://rpc.test', CONTRACT, {
      timeoutMs: 50,
      fetch: ((_: unknown, init?: RequestInit) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch,
    });
    await expect(reader.chainId()).rejects.toThrow(/no answer within 50 ms/);
  });

  it.each([
    ['a revert', () => json({ jsonrpc: '2.0', id: 1, error: { code: 3, message: 'execution reverted' } }), /reverted/],
    ['empty data (no contract)', () => json({ jsonrpc: '2.0', id: 1, result: '0x' }), /returned no data/],
    ['undecodable data', () => json({ jsonrpc: '2.0', id: 1, result: '0x1234' }), /does not decode/],
  ])('%s -> ContractCallError', async (_name, reply, message) => {
    const error = await readerWith(reply as Handler)
      .batchCount(1n)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractCallError);
    expect((error as Error).message).toMatch(message);
  });

  it("decodes a revert carrying one of the contract's errors, nested as Hardhat nests it", async () => {
    const data = abi.encodeErrorResult('StackLedgerAnchorIndexOutOfRange', [7, 2]);
    const reader = readerWith(() =>
      json({
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32603, message: 'VM Exception: reverted with custom error', data: { message: '...', data } },
      }),
    );
    const error = await reader.batch(7, 5n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractCallError);
    expect(error).toMatchObject({
      message: 'batch(7) reverted with StackLedgerAnchorIndexOutOfRange(7, 2)',
      revert: { name: 'StackLedgerAnchorIndexOutOfRange', args: [7n, 2n] },
    });
  });

  it('reads batchOfSeq, and BatchAnchored and CredentialRevoked logs decoded, filtered by topic', async () => {
    const root = `0x${'ab'.repeat(32)}`;
    const key = `0x${'cd'.repeat(32)}`;
    const anchored = abi.encodeEventLog('BatchAnchored', [3, root, 10, 19]);
    const revoked = abi.encodeEventLog('CredentialRevoked', [key, 1_768_471_203]);
    const filters: unknown[] = [];
    const reader = readerWith(({ method, params }) => {
      if (method === 'eth_call') return json({ jsonrpc: '2.0', id: 1, result: abi.encodeFunctionResult('batchOfSeq', [3]) });
      filters.push(params[0]);
      const log = params[0].topics[0] === abi.getEvent('BatchAnchored')!.topicHash ? anchored : revoked;
      return json({
        jsonrpc: '2.0',
        id: 1,
        result: [{ ...log, transactionHash: `0x${'01'.repeat(32)}`, blockNumber: '0x10', removed: false }],
      });
    });
    expect(await reader.batchOfSeq(12, 'latest')).toBe(3n);
    expect(await reader.batchAnchoredLogs(3, 5, 'latest')).toEqual([
      { index: 3n, root, fromSeq: 10n, toSeq: 19n, txHash: `0x${'01'.repeat(32)}`, blockNumber: 16, removed: false },
    ]);
    expect(await reader.credentialRevokedLogs(5, 20)).toEqual([
      { credentialKey: key, revokedAt: 1_768_471_203n, txHash: `0x${'01'.repeat(32)}`, blockNumber: 16, removed: false },
    ]);
    expect(filters).toEqual([
      {
        address: CONTRACT,
        topics: [abi.getEvent('BatchAnchored')!.topicHash, `0x${'3'.padStart(64, '0')}`],
        fromBlock: '0x5',
        toBlock: 'latest',
      },
      { address: CONTRACT, topics: [abi.getEvent('CredentialRevoked')!.topicHash], fromBlock: '0x5', toBlock: '0x14' },
    ]);
  });

  it('sends URL user info as HTTP Basic auth, never in the URL', async () => {
    const seen: Array<{ url: string; auth?: string }> = [];
    const reader = new JsonRpcAnchorReader('https://user:p%40ss@rpc.test/v3/key', CONTRACT, {
      fetch: (async (url: string, init?: RequestInit) => {
        seen.push({ url, auth: (init?.headers as Record<string, string>).authorization });
        return json({ jsonrpc: '2.0', id: 1, result: '0x1' });
      }) as typeof fetch,
    });
    expect(await reader.chainId()).toBe(1n);
    expect(seen).toEqual([{ url: 'https://rpc.test/v3/key', auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}` }]);
  });
});
