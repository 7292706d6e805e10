import { Interface } from 'ethers';

/**
 * The StackLedgerAnchor interface, declared once for every caller (API, audit, verifier, tests):
 * the contract's external functions and events as outside verifiers call them, its custom errors
 * so reverts decode by name, and the one OpenZeppelin error its role checks raise. Human-readable
 * fragments kept in source, not read from `artifacts/`, so nothing at runtime needs a Hardhat
 * compile; `test/anchor-abi.unit.spec.ts` holds them to the compiled artifact.
 */
export const ANCHOR_ABI = [
  'function anchor(bytes32 root, uint64 fromSeq, uint64 toSeq)',
  'function revoke(bytes32[] credentialKeys)',
  'function batchCount() view returns (uint256)',
  'function batch(uint256 index) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'function batchOfSeq(uint64 seq) view returns (uint256 index)',
  'function revokedAt(bytes32 credentialKey) view returns (uint64)',
  'function verify(bytes32 root, bytes32[] proof, bytes32 leaf) pure returns (bool)',
  'event BatchAnchored(uint256 indexed index, bytes32 indexed root, uint64 fromSeq, uint64 toSeq)',
  'event CredentialRevoked(bytes32 indexed credentialKey, uint64 revokedAt)',
  'error StackLedgerAnchorNonContiguousRange(uint64 expectedFromSeq, uint64 fromSeq)',
  'error StackLedgerAnchorInvalidRange(uint64 fromSeq, uint64 toSeq)',
  'error StackLedgerAnchorRangeTooLarge(uint64 fromSeq, uint64 toSeq, uint64 maxSpan)',
  'error StackLedgerAnchorZeroRoot()',
  'error StackLedgerAnchorSeqNotAnchored(uint64 seq)',
  'error StackLedgerAnchorIndexOutOfRange(uint256 index, uint256 count)',
  'error StackLedgerAnchorEmptyRevocation()',
  'error StackLedgerAnchorZeroCredentialKey(uint256 position)',
  // Raised by anchor and revoke for a caller without ANCHORER_ROLE (OpenZeppelin IAccessControl).
  'error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)',
] as const;

/** ethers' coder for {@link ANCHOR_ABI}: call data, return values, logs and revert data. */
export const anchorInterface = new Interface(ANCHOR_ABI);
