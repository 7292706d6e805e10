import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of the test chain, to inject chain faults:
 * `down()` cuts every connection (the RPC looks unreachable), `up()` forwards again, and
 * `onForwarded(method, hook)` runs a hook after a call reached the chain, before its answer goes
 * back (e.g. SIGKILL the service right after `eth_sendRawTransaction`).
 */
export class RpcProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private available = true;
  private hooks = new Map<string, () => Promise<void> | void>();
  readonly calls = new Map<string, number>();

  private constructor(private readonly target: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(target: string): Promise<RpcProxy> {
    const proxy = new RpcProxy(target);
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  down(): void {
    this.available = false;
    for (const socket of this.sockets) socket.destroy();
  }

  up(): void {
    this.available = true;
  }

  onForwarded(method: string, hook: (() => Promise<void> | void) | undefined): void {
    if (hook) this.hooks.set(method, hook);
    else this.hooks.delete(method);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.available) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const methods = methodsOf(body);
    methods.forEach((m) => this.calls.set(m, (this.calls.get(m) ?? 0) + 1));
    try {
      const answer = await fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await answer.text();
      for (const method of methods) await this.hooks.get(method)?.();
      if (!this.available || res.destroyed) return void req.socket.destroy();
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
    } catch {
      req.socket.destroy();
    }
  }
}

function methodsOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { method?: string } | { method?: string }[];
    return (Array.isArray(parsed) ? parsed : [parsed]).map((call) => call.method ?? '?');
  } catch {
    return [];
  }
}
