import { once } from 'node:events';
import { createServer } from 'node:net';
import { listenProxy } from './silent-rpc';

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('listenProxy', () => {
  it('drops the connection when its target cannot be reached, instead of leaving the request unanswered', async () => {
    const proxy = await listenProxy(`http://127.0.0.1:${await closedPort()}`);
    try {
      const request = fetch(`http://127.0.0.1:${proxy.port}/`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5_000) });
      await expect(request).rejects.toMatchObject({ cause: expect.objectContaining({ code: 'UND_ERR_SOCKET' }) });
      expect(proxy.paths()).toEqual(['/']);
    } finally {
      await proxy.close();
    }
  });
});
