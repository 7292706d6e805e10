import { ChainUnavailableError, FetchRpcTransport } from '../src';

const ok = (result: unknown) => new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result }), { status: 200 });

describe('FetchRpcTransport', () => {
  it('passes a JSON-RPC error on as the reply: the reader decides whether it is a revert', async () => {
    const error = { code: 3, message: 'execution reverted', data: '0x1234' };
    const transport = new FetchRpcTransport('http://rpc.test', {
      fetch: (async () => new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, error }))) as typeof fetch,
    });
    expect(await transport.send('eth_call', [])).toEqual({ error });
  });

  it('retries an HTTP 429 as often as asked, within the timeout; by default not at all', async () => {
    const statuses = [429, 429];
    let calls = 0;
    const fetchFn = (async () => {
      calls++;
      const status = statuses.shift();
      return status ? new Response('slow down', { status }) : ok('0x1');
    }) as typeof fetch;
    expect(await new FetchRpcTransport('http://rpc.test', { fetch: fetchFn, rateLimitRetries: 2 }).send('eth_chainId', [])).toEqual({
      result: '0x1',
    });
    expect(calls).toBe(3);

    statuses.push(429);
    await expect(new FetchRpcTransport('http://rpc.test', { fetch: fetchFn }).send('eth_chainId', [])).rejects.toThrow(
      'rate limited (HTTP 429)',
    );
  });

  it('names the endpoint without its secrets, and keeps them out of every message', async () => {
    const url = 'https://user:hunter2pass@rpc.test/v3/0123456789abcdef0123456789abcdef?apikey=s3cr3t-token';
    const transport = new FetchRpcTransport(url, {
      fetch: (async (target: string) =>
        Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { message: `cannot reach ${target}` } }))) as typeof fetch,
    });
    expect(transport.endpoint).toBe('https://rpc.test/v3');
    const error = (await transport.send('eth_chainId', []).catch((e: unknown) => e)) as ChainUnavailableError;
    expect(error).toBeInstanceOf(ChainUnavailableError);
    expect(error.endpoint).toBe('https://rpc.test/v3');
    const visible = `${error.message} ${JSON.stringify(error)}`;
    expect(visible).toMatch(/network error: cannot reach/);
    for (const secret of ['hunter2pass', '0123456789abcdef0123456789abcdef', 's3cr3t-token']) expect(visible).not.toContain(secret);
  });
});
