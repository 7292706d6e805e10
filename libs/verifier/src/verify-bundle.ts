import { ChainUnavailableError, ContractCallError, type AnchorReader } from './anchor-reader.port';
import { checkChain } from './chain-checks';
import { checkOffline } from './offline-checks';
import { checkBundleShape, type ProofBundle } from './proof-bundle';
import type { CheckRecord, CredentialFacts, ReasonCode, VerificationResult, Verdict } from './verdict';

export interface VerifyOptions {
  /** The chain, through one endpoint or a {@link FailoverAnchorReader} over several. */
  readonly reader: AnchorReader;
  /** The contract address the verifier trusts (from the ledger operator, not from the bundle). */
  readonly trustedContract: string;
  /** The time expiry is judged at (injected: the verifier reads no clock). */
  readonly now: Date;
}

function factsOf(b: ProofBundle, extra: Partial<CredentialFacts>): CredentialFacts {
  const c = b.credential;
  return {
    credentialId: c.id,
    learnerId: c.learnerId,
    issuerId: c.issuerId,
    title: c.title,
    credits: c.credits,
    level: c.level,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    eventSeq: b.event.seq,
    batchIndex: b.merkle.batch.index,
    batchRoot: b.merkle.batch.root.toLowerCase(),
    chainId: b.anchor.chainId,
    contract: b.anchor.contract,
    txHash: b.anchor.txHash.toLowerCase(),
    blockNumber: b.anchor.blockNumber,
    ...extra,
  };
}

/**
 * Verifies a proof bundle against the chain alone, running every step of SPEC section 7 in order
 * (see VERIFYING.md for the MUST rules), and never calls the StackLedger API.
 *
 * Preconditions: `input` is the parsed JSON of the bundle, as untrusted as it comes;
 * `options.now` is a valid Date. Never throws: every failure, of the bundle or of the chain
 * endpoints, is a verdict with a reason.
 */
export async function verifyBundle(input: unknown, options: VerifyOptions): Promise<VerificationResult> {
  const checks: CheckRecord[] = [];
  const checkedAt = options.now.toISOString();
  const result = (verdict: Verdict, code: ReasonCode, reason: string, facts?: CredentialFacts): VerificationResult => ({
    verdict, code, reason, facts, checks, checkedAt,
  });

  const shape = checkBundleShape(input);
  if (!shape.ok) {
    checks.push({ step: 0, name: 'bundle shape', ok: false, detail: shape.reason });
    return result('tampered', 'MALFORMED', `malformed bundle: ${shape.reason}`);
  }
  checks.push({ step: 0, name: 'bundle shape', ok: true });
  const bundle = shape.bundle;

  const offline = await checkOffline(bundle, checks);
  if (!offline.ok) return result('tampered', offline.code, offline.reason, factsOf(bundle, {}));
  let facts = factsOf(bundle, { credentialKey: offline.credentialKey });

  if (bundle.anchor.contract.toLowerCase() !== options.trustedContract.toLowerCase()) {
    const reason = `the bundle names contract ${bundle.anchor.contract}, not the trusted contract ${options.trustedContract}`;
    checks.push({ step: 3, name: 'bundle names the trusted contract', ok: false, detail: reason });
    return result('wrong-chain', 'CONTRACT_MISMATCH', reason, facts);
  }
  checks.push({ step: 3, name: 'bundle names the trusted contract', ok: true });

  let chain;
  try {
    chain = await checkChain(bundle, offline.credentialKey, options.reader, checks);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    checks.push({ step: 3, name: 'read the chain', ok: false, detail: message });
    if (e instanceof ContractCallError) {
      return result('wrong-chain', 'NOT_AN_ANCHOR_CONTRACT', `the contract at ${bundle.anchor.contract} does not answer as a StackLedgerAnchor: ${message}`, facts);
    }
    const why = e instanceof ChainUnavailableError ? message : `chain read failed: ${message}`;
    return result('unreachable', 'UNREACHABLE', `the chain could not be read: ${why}`, facts);
  }
  facts = { ...facts, anchoredAt: chain.anchoredAt, revokedAt: chain.revokedAt };
  if (chain.failure) return result(chain.failure.verdict, chain.failure.code, chain.failure.reason, facts);

  if (Date.parse(bundle.credential.validUntil) <= options.now.getTime()) {
    const reason = `the credential expired at ${bundle.credential.validUntil} (checked at ${checkedAt})`;
    checks.push({ step: 5, name: 'validUntil not past', ok: false, detail: reason });
    return result('expired', 'EXPIRED', reason, facts);
  }
  checks.push({ step: 5, name: 'validUntil not past', ok: true, detail: `valid until ${bundle.credential.validUntil}` });

  return result('valid', 'OK',
    `the credential is recorded in ledger event ${bundle.event.seq}, anchored in batch ${bundle.merkle.batch.index} ` +
      `on chain ${bundle.anchor.chainId} at ${chain.anchoredAt}, and is not revoked`, facts);
}
