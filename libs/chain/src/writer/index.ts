/**
 * `@stackledger/chain/writer`: the anchorer's side (a signing key, nonces, receipts), built on
 * ethers' `Wallet`, `NonceManager`, `isError` and `Interface.parseError`, over the same
 * transport as the reader.
 */
export { AnchorWriter, type AnchorWriterOptions, type SentTx, type TxReceipt } from './anchor-writer';
export { FEE_DATA_TTL_MS, FeeCache } from './fee-cache';
export { NonceKeeper } from './nonce-keeper';
export { TransportProvider } from './transport-provider';
export { writeError } from './write-errors';
