import { Contract, JsonRpcProvider, concat, getBytes, keccak256, toUtf8Bytes } from 'ethers';

/**
 * An INDEPENDENT mini-verifier, written only from libs/verifier/VERIFYING.md as an outside employer
 * would write it: ethers' keccak256 and its own tiny RFC 8785 canonicaliser, and nothing of
 * libs/merkle or libs/verifier. The CLI must agree with it; where they differ, one of the two
 * misreads the rules.
 */
export type IndependentVerdict = 'valid' | 'revoked' | 'expired' | 'tampered' | 'not-anchored' | 'wrong-chain' | 'unreachable';

/** RFC 8785 for parsed JSON: sorted keys (UTF-16 code units), no whitespace, ES number form. */
export function jcs(v: unknown): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!isFinite(v)) throw new Error('non-finite number');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return (
      '{' +
      Object.keys(o)
        .sort()
        .filter((k) => o[k] !== undefined)
        .map((k) => JSON.stringify(k) + ':' + jcs(o[k]))
        .join(',') +
      '}'
    );
  }
  throw new Error(`not JSON: ${typeof v}`);
}

const hashText = (text: string) => keccak256(toUtf8Bytes(text));
const is32 = (h: unknown) => typeof h === 'string' && /^0x[0-9a-fA-F]{64}$/.test(h);

/** keccak256(min(a,b) ‖ max(a,b)), comparing bytes (equal-length lowercase hex compares the same). */
function pair(a: string, b: string): string {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return keccak256(concat(x <= y ? [getBytes(x), getBytes(y)] : [getBytes(y), getBytes(x)]));
}

const ABI = [
  'function batchCount() view returns (uint256)',
  'function batch(uint256) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'function revokedAt(bytes32) view returns (uint64)',
];

export async function independentVerify(b: any, rpcUrl: string, trustedContract: string, now = new Date()): Promise<IndependentVerdict> {
  // Steps 1-2, offline.
  let key: string;
  try {
    if (b.format !== 'stackledger-proof/1') return 'tampered';
    if (jcs(b.credential) !== jcs(b.event.data.credential)) return 'tampered';
    key = hashText(jcs(b.credential));
    const { seq, id, stream, type, data, recordedAt } = b.event;
    const eventHash = hashText(jcs({ seq, id, stream, type, data, recordedAt }));
    const leaf = keccak256(eventHash);
    if (!is32(b.merkle.leaf) || b.merkle.leaf.toLowerCase() !== leaf) return 'tampered';
    if (!Array.isArray(b.merkle.path) || !b.merkle.path.every(is32) || !is32(b.merkle.batch.root)) return 'tampered';
    const root = (b.merkle.path as string[]).reduce(pair, leaf);
    if (root !== b.merkle.batch.root.toLowerCase()) return 'tampered';
    if (!(seq >= b.merkle.batch.fromSeq && seq <= b.merkle.batch.toSeq)) return 'tampered';
    if (b.credential.issuerId !== b.event.data.credential.issuerId) return 'tampered';
  } catch {
    return 'tampered';
  }
  if (String(b.anchor.contract).toLowerCase() !== trustedContract.toLowerCase()) return 'wrong-chain';

  // Steps 3-4, on chain.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  try {
    let chainId: bigint;
    try {
      chainId = (await provider.getNetwork()).chainId;
    } catch {
      return 'unreachable';
    }
    if (chainId !== BigInt(b.anchor.chainId)) return 'wrong-chain';
    if ((await provider.getCode(trustedContract)) === '0x') return 'wrong-chain';
    const anchor = new Contract(trustedContract, ABI, provider);
    if (BigInt(b.merkle.batch.index) >= (await anchor.batchCount())) return 'not-anchored';
    const [root, fromSeq, toSeq] = await anchor.batch(b.merkle.batch.index);
    if (
      root.toLowerCase() !== b.merkle.batch.root.toLowerCase() ||
      fromSeq !== BigInt(b.merkle.batch.fromSeq) ||
      toSeq !== BigInt(b.merkle.batch.toSeq)
    ) {
      return 'not-anchored';
    }
    if ((await anchor.revokedAt(key)) !== 0n) return 'revoked';
  } finally {
    provider.destroy();
  }
  // Step 5.
  return Date.parse(b.credential.validUntil) <= now.getTime() ? 'expired' : 'valid';
}
