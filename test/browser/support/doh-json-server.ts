import { once } from 'node:events';
import { createServer } from 'node:http';

/**
 * A DNS-over-HTTPS JSON endpoint on 127.0.0.1 (the `application/dns-json` API of Google and
 * Cloudflare): `GET /resolve?name=…&type=TXT` answers the table's TXT records in presentation form
 * (quoted character-strings), `Status` 3 (NXDOMAIN) for names not in it. It allows any origin, as
 * the public endpoints do, so a page opened from disk can read it.
 */
export interface DohJsonServer {
  readonly endpoint: string;
  /** Names asked, in order. */
  readonly queries: string[];
  close(): Promise<void>;
}

export async function startDohJsonServer(table: Record<string, string[]>): Promise<DohJsonServer> {
  const queries: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = (url.searchParams.get('name') ?? '').toLowerCase().replace(/\.$/, '');
    queries.push(name);
    const records = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    const body =
      records === undefined
        ? { Status: 3, Question: [{ name, type: 16 }] }
        : { Status: 0, Question: [{ name, type: 16 }], Answer: records.map((r) => ({ name, type: 16, TTL: 60, data: JSON.stringify(r) })) };
    res.writeHead(200, { 'content-type': 'application/dns-json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}/resolve`,
    queries,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
