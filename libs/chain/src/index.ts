/**
 * `@stackledger/chain`: the StackLedgerAnchor contract as every part of StackLedger reaches it.
 * This entry is browser-safe (no Node built-in; ethers for ABI coding only) and is what the
 * verifier, its web page, the audit and the API read the chain with. The API's writer (a signing
 * key, nonces, receipts) is `@stackledger/chain/writer`; the error types alone, without ethers,
 * are `@stackledger/chain/chain-errors`.
 */
export { ANCHOR_ABI, anchorInterface } from './anchor-abi';
export { ChainUnavailableError, ContractCallError, type DecodedRevert } from './chain-errors';
export type { RpcErrorObject, RpcReply, RpcTransport } from './rpc-transport.port';
export { FetchRpcTransport, type FetchRpcTransportOptions } from './fetch-rpc.transport';
export {
  blockTag,
  JsonRpcAnchorReader,
  type BatchAnchoredLog,
  type BlockRef,
  type ContractBatch,
  type CredentialRevokedLog,
  type LogPlace,
} from './json-rpc-anchor-reader';
export { decodeRevert, revertDataOf, revertError } from './revert';
export { REVOKE_SELECTOR, revokeCalldata } from './revoke-calldata';
export { redactRpcUrl, secretScrubber } from './rpc-url';
