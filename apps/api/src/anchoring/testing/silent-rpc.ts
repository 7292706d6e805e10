import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

/** A TCP server that accepts connections and never answers. */
export async function listenBlackhole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** An HTTP JSON-RPC forwarder to `target` that records request paths and can stop answering. */
export async function listenProxy(target: string): Promise<{ port: number; paths(): string[]; goDead(): void; close(): Promise<void> }> {
  let dead = false;
  const seen: string[] = [];
  const hanging = new Set<ServerResponse>();
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    seen.push(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (dead) {
      hanging.add(res);
      return;
    }
    const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  };
  // An unreachable target drops the client's connection, as a dead node would.
  const server: Server = createServer((req, res) => void forward(req, res).catch(() => res.destroy()));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    paths: () => [...seen],
    goDead: () => (dead = true),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
