import { ChainUnavailableError, ContractCallError, type AnchorReader } from './anchor-reader.port';
import { checkChain } from './chain-checks';
import { ConsensusReader, InconsistentChainError, PinnedChainError, QuorumNotMetError, type Endpoint } from './consensus-reader';
import { checkOffline } from './offline-checks';
import { checkBundleShape, type ProofBundle } from './proof-bundle';
import type { ChainFact, CheckRecord, CredentialFacts, Disagreement, ReasonCode, VerificationResult, Verdict } from './verdict';

/** The chain: one endpoint's reader, or several endpoints that must agree (see {@link ConsensusReader}). */
type ChainSource =
  | { readonly reader: AnchorReader; readonly endpoints?: undefined }
  | { readonly endpoints: readonly Endpoint[]; readonly reader?: undefined };

export type VerifyOptions = ChainSource & {
  /** The contract address the verifier trusts (from the ledger operator, not from the bundle). */
  readonly trustedContract: string;
  /** The time expiry is judged at (injected: the verifier reads no clock). */
  readonly now: Date;
  /** Pins the chain: the bundle must name it and every endpoint must serve it, else `wrong-chain`. */
  readonly chainId?: number;
  /** How many blocks an endpoint may trail the newest block reported and still be read (default 12). */
  readonly maxLagBlocks?: number;
};

const INCONSISTENT_CODES: Readonly<Record<ChainFact, ReasonCode>> = {
  chainId: 'INCONSISTENT_CHAIN_ID',
  code: 'INCONSISTENT_CODE',
  batchCount: 'INCONSISTENT_BATCH_COUNT',
  batch: 'INCONSISTENT_BATCH',
  revokedAt: 'INCONSISTENT_REVOKED_AT',
};

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
 * `options.now` is a valid Date; at least one endpoint; `maxLagBlocks`, if given, a safe integer
 * >= 0. Never throws: every failure, of the bundle or of the chain endpoints, is a verdict with a
 * reason.
 */
export async function verifyBundle(input: unknown, options: VerifyOptions): Promise<VerificationResult> {
  const checks: CheckRecord[] = [];
  const checkedAt = options.now.toISOString();
  let chain: ConsensusReader | undefined;
  let disagreement: Disagreement | undefined;
  const result = (verdict: Verdict, code: ReasonCode, reason: string, facts?: CredentialFacts): VerificationResult => ({
    verdict, code, reason, facts, checks, checkedAt,
    ...(chain && { rpc: chain.report() }),
    ...(disagreement && { disagreement }),
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

  const pinned = options.chainId;
  if (pinned !== undefined && bundle.anchor.chainId !== pinned) {
    const reason = `the bundle was anchored on chain ${bundle.anchor.chainId}, not on the pinned chain ${pinned}`;
    checks.push({ step: 3, name: 'bundle names the pinned chain', ok: false, detail: reason });
    return result('wrong-chain', 'CHAIN_ID_MISMATCH', reason, facts);
  }

  const endpoints = options.endpoints ?? [{ name: 'rpc', reader: options.reader }];
  chain = new ConsensusReader(endpoints, { chainId: pinned, maxLagBlocks: options.maxLagBlocks });
  let found;
  try {
    found = await checkChain(bundle, offline.credentialKey, chain, checks);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof InconsistentChainError) {
      disagreement = e.disagreement;
      checks.push({ step: disagreement.fact === 'revokedAt' ? 4 : 3, name: 'RPC endpoints agree', ok: false, detail: message });
      return result('inconsistent', INCONSISTENT_CODES[disagreement.fact], message, facts);
    }
    checks.push({ step: 3, name: 'read the chain', ok: false, detail: message });
    if (e instanceof PinnedChainError) return result('wrong-chain', 'CHAIN_ID_MISMATCH', message, facts);
    if (e instanceof ContractCallError) {
      return result('wrong-chain', 'NOT_AN_ANCHOR_CONTRACT', `the contract at ${bundle.anchor.contract} does not answer as a StackLedgerAnchor: ${message}`, facts);
    }
    const why = e instanceof ChainUnavailableError ? message : `chain read failed: ${message}`;
    return result('unreachable', e instanceof QuorumNotMetError ? 'QUORUM_NOT_MET' : 'UNREACHABLE', `the chain could not be read: ${why}`, facts);
  }
  facts = { ...facts, anchoredAt: found.anchoredAt, revokedAt: found.revokedAt };
  if (found.failure) return result(found.failure.verdict, found.failure.code, found.failure.reason, facts);

  if (Date.parse(bundle.credential.validUntil) <= options.now.getTime()) {
    const reason = `the credential expired at ${bundle.credential.validUntil} (checked at ${checkedAt})`;
    checks.push({ step: 5, name: 'validUntil not past', ok: false, detail: reason });
    return result('expired', 'EXPIRED', reason, facts);
  }
  checks.push({ step: 5, name: 'validUntil not past', ok: true, detail: `valid until ${bundle.credential.validUntil}` });

  return result('valid', 'OK',
    `the credential is recorded in ledger event ${bundle.event.seq}, anchored in batch ${bundle.merkle.batch.index} ` +
      `on chain ${bundle.anchor.chainId} at ${found.anchoredAt}, and is not revoked (as of block ${chain.block})`, facts);
}
