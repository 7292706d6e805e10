// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IStackLedgerAnchor} from "./IStackLedgerAnchor.sol";

/**
 * @title StackLedgerAnchor
 * @notice Anchors the Merkle roots of StackLedger event batches and records credential
 * revocations. Deliberately not upgradeable: verifiers trust this address for
 * years, so its rules must not be able to change under them.
 * @dev Roles: `DEFAULT_ADMIN_ROLE` is the accreditation authority (it grants and revokes roles,
 * e.g. rotates the anchorer key); `ANCHORER_ROLE` is the ledger operator's hot key, which on a
 * public chain must never be the admin key (deploy/ refuses it). The admin role follows
 * OpenZeppelin's {AccessControlDefaultAdminRules}: exactly one admin, handed over in two steps
 * (the admin begins a transfer, the new admin accepts it once {ADMIN_TRANSFER_DELAY} has passed),
 * so a stolen or mistyped admin key cannot take the contract over before anyone can cancel.
 */
contract StackLedgerAnchor is AccessControlDefaultAdminRules, IStackLedgerAnchor {
    /// @notice Role allowed to {anchor} and {revoke}.
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    /// @notice Initial wait between beginning and accepting a transfer of the admin role: three
    /// days, long enough for the authority to notice and cancel a transfer it did not start (over
    /// a weekend too), short enough for a planned handover. The admin may change it later through
    /// {changeDefaultAdminDelay}, itself delayed.
    uint48 public constant ADMIN_TRANSFER_DELAY = 3 days;

    /// @notice Cap on `toSeq - fromSeq` for one batch (exclusive): 2^32. A ledger anchors at most a
    /// few million events per batch, and with this cap it would take 2^32 batches for anyone
    /// holding `ANCHORER_ROLE` to push the last anchored seq to the top of `uint64`.
    uint64 public constant MAX_BATCH_SPAN = 2 ** 32;

    /// @dev One anchored batch in two storage slots: the root, then three packed uint64s. Storing
    /// only this (never per-event data) keeps the gas of {anchor} independent of the range size.
    struct Batch {
        bytes32 root;
        uint64 fromSeq;
        uint64 toSeq;
        uint64 anchoredAt;
    }

    /// @dev Count and last anchored seq share one slot, so {anchor} checks contiguity and appends
    /// with a single read and a single write of it instead of reading the previous batch.
    uint64 private _batchCount;
    uint64 private _lastSeq;

    /// @dev Batches by 0-based index; append-only.
    mapping(uint256 index => Batch) private _batches;

    /// @dev First revocation time per credential key; 0 means not revoked.
    mapping(bytes32 credentialKey => uint64) private _revokedAt;

    /**
     * @notice Creates the anchor with the authority as admin and the operator key as anchorer.
     * @param admin Receives `DEFAULT_ADMIN_ROLE`, transferable only in two steps {ADMIN_TRANSFER_DELAY} apart.
     * @param anchorer Receives `ANCHORER_ROLE`.
     *
     * Requirements:
     *
     * - `admin` must not be the zero address.
     * - on a public chain `anchorer` should not be `admin` (checked by deploy/, not here: local
     *   test chains use one key for both).
     */
    constructor(address admin, address anchorer) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin) {
        _grantRole(ANCHORER_ROLE, anchorer);
    }

    /// @inheritdoc IStackLedgerAnchor
    function anchor(bytes32 root, uint64 fromSeq, uint64 toSeq) external onlyRole(ANCHORER_ROLE) {
        if (root == bytes32(0)) revert StackLedgerAnchorZeroRoot();
        if (toSeq < fromSeq) revert StackLedgerAnchorInvalidRange(fromSeq, toSeq);
        if (toSeq - fromSeq >= MAX_BATCH_SPAN) revert StackLedgerAnchorRangeTooLarge(fromSeq, toSeq, MAX_BATCH_SPAN);
        uint64 expectedFromSeq = _lastSeq + 1;
        if (fromSeq != expectedFromSeq) revert StackLedgerAnchorNonContiguousRange(expectedFromSeq, fromSeq);

        uint64 index = _batchCount;
        _batches[index] = Batch(root, fromSeq, toSeq, uint64(block.timestamp));
        _batchCount = index + 1;
        _lastSeq = toSeq;
        emit BatchAnchored(index, root, fromSeq, toSeq);
    }

    /// @inheritdoc IStackLedgerAnchor
    function revoke(bytes32[] calldata credentialKeys) external onlyRole(ANCHORER_ROLE) {
        uint256 length = credentialKeys.length;
        if (length == 0) revert StackLedgerAnchorEmptyRevocation();
        uint64 now_ = uint64(block.timestamp);
        for (uint256 i = 0; i < length; ++i) {
            bytes32 key = credentialKeys[i];
            if (key == bytes32(0)) revert StackLedgerAnchorZeroCredentialKey(i);
            // Idempotent by design: the anchoring job may resend a revocation after a crash.
            if (_revokedAt[key] != 0) continue;
            _revokedAt[key] = now_;
            emit CredentialRevoked(key, now_);
        }
    }

    /// @inheritdoc IStackLedgerAnchor
    function batchCount() external view returns (uint256) {
        return _batchCount;
    }

    /// @inheritdoc IStackLedgerAnchor
    function batch(uint256 index)
        external
        view
        returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)
    {
        uint256 count = _batchCount;
        if (index >= count) revert StackLedgerAnchorIndexOutOfRange(index, count);
        Batch storage b = _batches[index];
        return (b.root, b.fromSeq, b.toSeq, b.anchoredAt);
    }

    /// @inheritdoc IStackLedgerAnchor
    function batchOfSeq(uint64 seq) external view returns (uint256 index) {
        if (seq == 0 || seq > _lastSeq) revert StackLedgerAnchorSeqNotAnchored(seq);
        // Batches tile [1, _lastSeq] in order: find the first batch whose toSeq >= seq.
        uint256 low = 0;
        uint256 high = _batchCount - 1;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (_batches[mid].toSeq < seq) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// @inheritdoc IStackLedgerAnchor
    function revokedAt(bytes32 credentialKey) external view returns (uint64) {
        return _revokedAt[credentialKey];
    }

    /// @inheritdoc IStackLedgerAnchor
    function verify(bytes32 root, bytes32[] calldata proof, bytes32 leaf) external pure returns (bool) {
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /**
     * @notice ERC-165: also advertises {IStackLedgerAnchor}, so a verifier can check it talks to
     * an anchor before trusting its answers.
     * @param interfaceId The ERC-165 id queried.
     * @return True for {IStackLedgerAnchor}, {IAccessControlDefaultAdminRules}, {IAccessControl} and ERC-165.
     *
     * Requirements:
     *
     * - none: a view any account may call.
     */
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(IStackLedgerAnchor).interfaceId || super.supportsInterface(interfaceId);
    }
}
