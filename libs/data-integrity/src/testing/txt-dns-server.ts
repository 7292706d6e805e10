import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/**
 * A tiny authoritative DNS responder on 127.0.0.1 (UDP, a free port) for tests: it answers TXT
 * queries from a table, NXDOMAIN for names not in it, NODATA for other types of known names.
 * `silent` makes it swallow every query (a server that never answers: timeouts).
 */
export interface TxtDnsServer {
  /** `127.0.0.1:PORT`, as `--dns-server` takes it. */
  readonly address: string;
  readonly port: number;
  /** Replace the table (names lowercase, without trailing dot). */
  setRecords(records: TxtTable): void;
  /** Queries received, as `name/TYPE` (e.g. `_stackledger.example.org/16`). */
  readonly queries: string[];
  close(): Promise<void>;
}

/** Name -> its TXT records; a record is one string, or its character-strings (each ≤ 255 bytes). */
export type TxtTable = Record<string, Array<string | string[]>>;

const TXT = 16;

export async function startTxtDnsServer(records: TxtTable, options: { silent?: boolean } = {}): Promise<TxtDnsServer> {
  let table = records;
  const queries: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (message: Buffer, peer: RemoteInfo) => {
    const query = parseQuery(message);
    if (!query) return;
    queries.push(`${query.name}/${query.type}`);
    if (options.silent) return;
    socket.send(answer(message, query, table), peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const port = socket.address().port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    setRecords: (next) => void (table = next),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

interface Query {
  readonly name: string;
  readonly type: number;
  /** Offset just past the question (QNAME, QTYPE, QCLASS). */
  readonly end: number;
}

function parseQuery(message: Buffer): Query | undefined {
  if (message.length < 12 || message.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let at = 12;
  while (at < message.length && message[at] !== 0) {
    const length = message[at];
    if (length > 63 || at + 1 + length > message.length) return undefined;
    labels.push(message.toString('latin1', at + 1, at + 1 + length));
    at += 1 + length;
  }
  if (at + 5 > message.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: message.readUInt16BE(at + 1), end: at + 5 };
}

function answer(message: Buffer, query: Query, table: TxtTable): Buffer {
  const found = Object.prototype.hasOwnProperty.call(table, query.name) ? table[query.name] : undefined;
  const answers = found !== undefined && query.type === TXT ? found : [];
  const header = Buffer.alloc(12);
  message.copy(header, 0, 0, 2); // id
  const rd = message[2] & 0x01;
  header[2] = 0x84 | rd; // QR, AA, RD copied
  header[3] = found === undefined ? 3 : 0; // NXDOMAIN or NOERROR
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const question = message.subarray(12, query.end);
  return Buffer.concat([header, question, ...answers.map(txtRecord)]);
}

function txtRecord(record: string | string[]): Buffer {
  const parts = (typeof record === 'string' ? [record] : record).map((p) => Buffer.from(p, 'utf8'));
  if (parts.some((p) => p.length > 255)) throw new Error('a TXT character-string holds at most 255 bytes');
  const rdata = Buffer.concat(parts.flatMap((p) => [Buffer.from([p.length]), p]));
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  fixed.writeUInt16BE(TXT, 2);
  fixed.writeUInt16BE(1, 4); // IN
  fixed.writeUInt32BE(60, 6); // TTL
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}
