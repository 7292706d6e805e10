/**
 * `@stackledger/data-integrity/node`: everything of the browser-safe entry plus the node-only
 * pieces, for the server and the CLI: the OpenSSL backend (`node:crypto`) and TXT lookups through
 * Node's resolver (`--dns-server HOST:PORT`).
 */
export * from './index';
export { nodeCryptoBackend } from './node-crypto-backend.node';
export { nodeTxtResolver, type NodeDnsOptions } from './node-dns.adapter.node';
