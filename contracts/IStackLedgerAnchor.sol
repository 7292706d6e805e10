// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/**
 * @title IStackLedgerAnchor
 * @notice The public face of the StackLedger anchor: outside verifiers (employers, auditors) call
 * these functions and decode these events, as libs/verifier/VERIFYING.md describes, so no
 * signature here may ever change. The interface id is the XOR of the seven function selectors below.
 *
 * A batch anchors the Merkle root of the ledger events `[fromSeq, toSeq]`; batches tile the seq
 * line from 1 without gap or overlap. A revocation records, once, the block time at which a
 * credential key was revoked.
 */
interface IStackLedgerAnchor {
    /**
     * @notice A batch of events was anchored.
     * @param index 0-based position of the batch.
     * @param root Merkle root of the batch's leaves (sorted-pair keccak256 tree).
     * @param fromSeq First ledger seq covered (inclusive).
     * @param toSeq Last ledger seq covered (inclusive).
     */
    event BatchAnchored(uint256 indexed index, bytes32 indexed root, uint64 fromSeq, uint64 toSeq);

    /**
     * @notice A credential key was revoked for the first time.
     * @param credentialKey keccak256 of the credential document's JCS form.
     * @param revokedAt Block timestamp of the revocation.
     */
    event CredentialRevoked(bytes32 indexed credentialKey, uint64 revokedAt);

    /// @notice `fromSeq` is not the seq right after the last anchored one.
    /// @param expectedFromSeq The only acceptable `fromSeq` now.
    /// @param fromSeq The `fromSeq` given.
    error StackLedgerAnchorNonContiguousRange(uint64 expectedFromSeq, uint64 fromSeq);

    /// @notice `toSeq` is smaller than `fromSeq`.
    /// @param fromSeq The `fromSeq` given.
    /// @param toSeq The `toSeq` given.
    error StackLedgerAnchorInvalidRange(uint64 fromSeq, uint64 toSeq);

    /// @notice The range `fromSeq..toSeq` spans more seqs than one batch may (`toSeq - fromSeq`
    /// must be below `maxSpan`), so that no anchorer key, stolen or buggy, can push the last
    /// anchored seq to the top of `uint64` and leave no room for the next batch.
    /// @param fromSeq The `fromSeq` given.
    /// @param toSeq The `toSeq` given.
    /// @param maxSpan The cap on `toSeq - fromSeq` (exclusive).
    error StackLedgerAnchorRangeTooLarge(uint64 fromSeq, uint64 toSeq, uint64 maxSpan);

    /// @notice A batch root of zero is refused: it is what an unset root reads as.
    error StackLedgerAnchorZeroRoot();

    /// @notice `seq` is not covered by any anchored batch (yet).
    /// @param seq The seq asked for.
    error StackLedgerAnchorSeqNotAnchored(uint64 seq);

    /// @notice No batch exists at `index`.
    /// @param index The index asked for.
    /// @param count The number of batches anchored.
    error StackLedgerAnchorIndexOutOfRange(uint256 index, uint256 count);

    /// @notice `revoke` was called with no key.
    error StackLedgerAnchorEmptyRevocation();

    /// @notice A key in the `revoke` call is zero, which is never a real keccak256 output (it is
    /// what an unset key reads as, so it would point at a bug upstream).
    /// @param position 0-based position of the zero key in `credentialKeys`.
    error StackLedgerAnchorZeroCredentialKey(uint256 position);

    /**
     * @notice Anchors the root of the next contiguous range of ledger events.
     * @param root Merkle root of the leaves of events `fromSeq..toSeq`, in seq order.
     * @param fromSeq First seq covered (inclusive).
     * @param toSeq Last seq covered (inclusive).
     * @dev Emits {BatchAnchored}. Never overwrites an earlier batch.
     *
     * Requirements:
     *
     * - the caller must have `ANCHORER_ROLE`.
     * - `root` must not be zero.
     * - `fromSeq` must be at most `toSeq`.
     * - `toSeq - fromSeq` must be below the contract's `MAX_BATCH_SPAN` (2^32).
     * - `fromSeq` must be 1 for the first batch, and the previous batch's `toSeq + 1` afterwards.
     */
    function anchor(bytes32 root, uint64 fromSeq, uint64 toSeq) external;

    /**
     * @notice Records the current block time as the revocation time of each key not yet revoked.
     * @param credentialKeys Keys to revoke; duplicates and already revoked keys are skipped.
     * @dev Emits {CredentialRevoked} once per newly revoked key. Idempotent: a key already revoked
     * keeps its first time and emits nothing.
     *
     * Requirements:
     *
     * - the caller must have `ANCHORER_ROLE`.
     * - `credentialKeys` must not be empty and must not contain zero.
     */
    function revoke(bytes32[] calldata credentialKeys) external;

    /**
     * @notice Number of anchored batches; the next batch gets this index.
     * @return The batch count.
     *
     * Requirements:
     *
     * - none: a view any account may call.
     */
    function batchCount() external view returns (uint256);

    /**
     * @notice The batch at a 0-based `index`.
     * @param index 0-based batch index.
     * @return root Merkle root of the batch.
     * @return fromSeq First seq covered.
     * @return toSeq Last seq covered.
     * @return anchoredAt Block timestamp of the anchoring transaction.
     *
     * Requirements:
     *
     * - `index` must be less than {batchCount}.
     */
    function batch(uint256 index)
        external
        view
        returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt);

    /**
     * @notice The index of the batch covering `seq`, found in O(log n).
     * @param seq A ledger seq.
     * @return index 0-based index of the batch whose range contains `seq`.
     *
     * Requirements:
     *
     * - `seq` must lie in an anchored batch (1 <= seq <= last anchored seq).
     */
    function batchOfSeq(uint64 seq) external view returns (uint256 index);

    /**
     * @notice When `credentialKey` was first revoked, or 0 if it never was.
     * @param credentialKey keccak256 of the credential document's JCS form.
     * @return Block timestamp of the first revocation, 0 if not revoked.
     *
     * Requirements:
     *
     * - none: a view any account may call.
     */
    function revokedAt(bytes32 credentialKey) external view returns (uint64);

    /**
     * @notice Whether `proof` folds `leaf` up to `root` with sorted-pair keccak256 hashing
     * (OpenZeppelin {MerkleProof} semantics).
     * @dev Pure: it does not check that `root` was anchored; call {batch} for that.
     * @param root The batch root to prove against.
     * @param proof Sibling hashes from the leaf up (libs/merkle `MerkleTree.proof`).
     * @param leaf `keccak256(eventHash)` of the event.
     * @return True if `proof` folds `leaf` to `root`.
     *
     * Requirements:
     *
     * - none: a view any account may call.
     */
    function verify(bytes32 root, bytes32[] calldata proof, bytes32 leaf) external pure returns (bool);
}
