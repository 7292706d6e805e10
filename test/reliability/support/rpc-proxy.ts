import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/** One JSON-RPC call as sent, and one reply as answered. */
export interface RpcCall {
  readonly id?: unknown;
  readonly method: string;
  readonly params?: readonly unknown[];
}
export interface RpcReply {
  readonly jsonrpc?: string;
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}
export type RpcRewrite = (call: RpcCall, reply: RpcReply) => RpcReply;

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of the test chain, to inject chain faults:
 * `down()` cuts every connection (the RPC looks unreachable), `up()` forwards again,
 * `onForwarded(method, hook)` runs a hook after a call reached the chain, before its answer goes
 * back (e.g. SIGKILL the service right after `eth_sendRawTransaction`), and `onCall` / `onAnswer`
 * change calls on their way to the chain and answers on their way back (a lying or lagging RPC).
 */
export class RpcProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private available = true;
  private hooks = new Map<string, () => Promise<void> | void>();
  private rewrite?: RpcRewrite;
  private rewriteCall?: (call: RpcCall) => RpcCall;
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

  onAnswer(rewrite: RpcRewrite | undefined): void {
    this.rewrite = rewrite;
  }

  /** Changes calls before they are forwarded (e.g. `latest` read as an older block). */
  onCall(rewrite: ((call: RpcCall) => RpcCall) | undefined): void {
    this.rewriteCall = rewrite;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.available) return void req.socket.destroy();
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end(); // a browser's preflight, as public RPCs answer it
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = rewriteCalls(Buffer.concat(chunks).toString('utf8'), this.rewriteCall);
    const methods = methodsOf(body);
    methods.forEach((m) => this.calls.set(m, (this.calls.get(m) ?? 0) + 1));
    try {
      const answer = await fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = rewriteReplies(body, await answer.text(), this.rewrite);
      for (const method of methods) await this.hooks.get(method)?.();
      if (!this.available || res.destroyed) return void req.socket.destroy();
      res.writeHead(answer.status, { 'content-type': 'application/json', ...CORS }).end(text);
    } catch {
      req.socket.destroy();
    }
  }
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
};

function methodsOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { method?: string } | { method?: string }[];
    return (Array.isArray(parsed) ? parsed : [parsed]).map((call) => call.method ?? '?');
  } catch {
    return [];
  }
}

function rewriteCalls(body: string, rewrite: ((call: RpcCall) => RpcCall) | undefined): string {
  if (!rewrite) return body;
  try {
    const calls = JSON.parse(body) as RpcCall | RpcCall[];
    return JSON.stringify(Array.isArray(calls) ? calls.map(rewrite) : rewrite(calls));
  } catch {
    return body;
  }
}

/** Each reply passed through `rewrite` with the call it answers (matched by id, batches too). */
function rewriteReplies(body: string, text: string, rewrite: RpcRewrite | undefined): string {
  if (!rewrite) return text;
  try {
    const calls = [JSON.parse(body)].flat() as RpcCall[];
    const replies = JSON.parse(text) as RpcReply | RpcReply[];
    const one = (reply: RpcReply) => {
      const call = calls.find((c) => c.id === reply.id);
      return call ? rewrite(call, reply) : reply;
    };
    return JSON.stringify(Array.isArray(replies) ? replies.map(one) : one(replies));
  } catch {
    return text;
  }
}
