/**
 * The StackLedgerAnchor ABI the API needs, in ethers' human-readable form: exactly the functions
 * and events SPEC section 6 fixes for outside verifiers, plus the contract's custom errors so
 * reverts decode by name. Kept in source (not read from artifacts/) so the API runs without a
 * Hardhat compile; `ethers-anchor-chain.adapter.spec.ts` checks it against the compiled artifact.
 */
export const ANCHOR_ABI = [
  // SPEC section 6: functions
  'function anchor(bytes32 root, uint64 fromSeq, uint64 toSeq)',
  'function revoke(bytes32[] credentialKeys)',
  'function batchCount() view returns (uint256)',
  'function batch(uint256 index) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'function batchOfSeq(uint64 seq) view returns (uint256 index)',
  'function revokedAt(bytes32 credentialKey) view returns (uint64)',
  'function verify(bytes32 root, bytes32[] proof, bytes32 leaf) pure returns (bool)',
  // SPEC section 6: events
  'event BatchAnchored(uint256 indexed index, bytes32 indexed root, uint64 fromSeq, uint64 toSeq)',
  'event CredentialRevoked(bytes32 indexed credentialKey, uint64 revokedAt)',
  // IStackLedgerAnchor custom errors
  'error StackLedgerAnchorNonContiguousRange(uint64 expectedFromSeq, uint64 fromSeq)',
  'error StackLedgerAnchorInvalidRange(uint64 fromSeq, uint64 toSeq)',
  'error StackLedgerAnchorRangeTooLarge(uint64 fromSeq, uint64 toSeq, uint64 maxSpan)',
  'error StackLedgerAnchorZeroRoot()',
  'error StackLedgerAnchorSeqNotAnchored(uint64 seq)',
  'error StackLedgerAnchorIndexOutOfRange(uint256 index, uint256 count)',
  'error StackLedgerAnchorEmptyRevocation()',
  'error StackLedgerAnchorZeroCredentialKey(uint256 position)',
  // OpenZeppelin AccessControl (IAccessControl), raised by anchor/revoke without ANCHORER_ROLE
  'error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)',
] as const;
