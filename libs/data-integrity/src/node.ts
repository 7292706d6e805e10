/**
 * `@stackledger/data-integrity/node`: everything of the browser-safe entry plus the node-only
 * pieces, for the server and the CLI: the OpenSSL backend (`node:crypto`).
 */
export * from './index';
export { nodeCryptoBackend } from './node-crypto-backend.node';
