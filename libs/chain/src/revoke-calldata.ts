import { anchorInterface } from './anchor-abi';

/** `revoke(bytes32[])`'s selector: the first 4 bytes of keccak256("revoke(bytes32[])"). */
export const REVOKE_SELECTOR = anchorInterface.getFunction('revoke')!.selector;

/**
 * The ABI encoding of `revoke(keys)`: selector, offset of the array (32), its length, the keys.
 * Written out because ethers' general coder costs ~10 ms a chunk of 320 keys, on the path that
 * pushes 100,000 revocations; `test/revoke-calldata.unit.spec.ts` holds it to
 * `Interface.encodeFunctionData`. Preconditions: every key is 0x-hex of 32 bytes.
 */
export function revokeCalldata(keys: readonly string[]): string {
  const word = (n: number) => n.toString(16).padStart(64, '0');
  return REVOKE_SELECTOR + word(32) + word(keys.length) + keys.map((key) => key.slice(2).toLowerCase()).join('');
}
