import type { TxtResolver } from '@stackledger/data-integrity';
import { ChainUnavailableError, ContractCallError, type AnchorReader } from './anchor-reader.port';
import { checkChain, type ChainFindings } from './chain-checks';
import { ConsensusReader, InconsistentChainError, PinnedChainError, QuorumNotMetError, type Endpoint } from './consensus-reader';
import { checkDns } from './dns-check';
import { checkKeyChain, type KeyChainFindings } from './key-chain-checks';
import { checkOffline } from './offline-checks';
import { checkBundleShape, type ProofBundle } from './proof-bundle';
import { checkSignatureOffline, type SignaturePass } from './signature-checks';
import type {
  ChainFact,
  CheckRecord,
  CredentialFacts,
  Disagreement,
  DnsReport,
  ReasonCode,
  SignatureReport,
  VerificationResult,
  Verdict,
} from './verdict';

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
  /** Step 10: looks up the issuer domain's TXT records; without it DNS is `unchecked`. */
  readonly dns?: TxtResolver;
  /** Policy: a credential that is otherwise valid but unsigned is `unsigned`, not `valid`. */
  readonly requireSignature?: boolean;
  /** Policy: a credential that is otherwise valid but whose DNS binding is not confirmed is `dns-not-confirmed`. */
  readonly requireDns?: boolean;
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
    ...(c.issuer !== undefined && { issuerName: c.issuer.name }),
    ...(c.issuer?.domain !== undefined && { issuerDomain: c.issuer.domain }),
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

/** What went wrong reading the chain, as a verdict; `step` is the step whose read failed. */
function chainError(
  e: unknown,
  step: number,
  bundle: ProofBundle,
  checks: CheckRecord[],
): { verdict: Verdict; code: ReasonCode; reason: string; disagreement?: Disagreement } {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof InconsistentChainError) {
    const { disagreement } = e;
    checks.push({ step: disagreement.fact === 'revokedAt' ? step + 1 : step, name: 'RPC endpoints agree', ok: false, detail: message });
    return { verdict: 'inconsistent', code: INCONSISTENT_CODES[disagreement.fact], reason: message, disagreement };
  }
  checks.push({ step, name: 'read the chain', ok: false, detail: message });
  if (e instanceof PinnedChainError) return { verdict: 'wrong-chain', code: 'CHAIN_ID_MISMATCH', reason: message };
  if (e instanceof ContractCallError) {
    return {
      verdict: 'wrong-chain',
      code: 'NOT_AN_ANCHOR_CONTRACT',
      reason: `the contract at ${bundle.anchor.contract} does not answer as a StackLedgerAnchor: ${message}`,
    };
  }
  const why = e instanceof ChainUnavailableError ? message : `chain read failed: ${message}`;
  return {
    verdict: 'unreachable',
    code: e instanceof QuorumNotMetError ? 'QUORUM_NOT_MET' : 'UNREACHABLE',
    reason: `the chain could not be read: ${why}`,
  };
}

/** Where the bundle says it was anchored, held to the trusted contract and the pinned chain (the key's registration too). */
function anchorProblem(
  bundle: ProofBundle,
  options: VerifyOptions,
  checks: CheckRecord[],
): { code: ReasonCode; reason: string } | undefined {
  const places = [
    { what: 'the bundle', anchor: bundle.anchor },
    ...(bundle.issuerKey ? [{ what: "the signing key's registration", anchor: bundle.issuerKey.anchor }] : []),
  ];
  const problem = (name: string, code: ReasonCode, reason: string) => {
    checks.push({ step: 3, name, ok: false, detail: reason });
    return { code, reason };
  };
  for (const { what, anchor } of places) {
    if (anchor.contract.toLowerCase() !== options.trustedContract.toLowerCase()) {
      return problem(
        `${what} names the trusted contract`,
        'CONTRACT_MISMATCH',
        `${what} names contract ${anchor.contract}, not the trusted contract ${options.trustedContract}`,
      );
    }
    if (options.chainId !== undefined && anchor.chainId !== options.chainId) {
      return problem(
        `${what} names the pinned chain`,
        'CHAIN_ID_MISMATCH',
        `${what} was anchored on chain ${anchor.chainId}, not on the pinned chain ${options.chainId}`,
      );
    }
    if (anchor.chainId !== bundle.anchor.chainId) {
      return problem(
        `${what} names the credential's chain`,
        'CHAIN_ID_MISMATCH',
        `${what} was anchored on chain ${anchor.chainId}, the credential on chain ${bundle.anchor.chainId}`,
      );
    }
  }
  checks.push({ step: 3, name: 'bundle names the trusted contract', ok: true });
  return undefined;
}

function signatureReport(bundle: ProofBundle, signed: SignaturePass, keyChain: KeyChainFindings | undefined): SignatureReport {
  if (!signed.signed) return { status: 'none' };
  const { event, merkle } = bundle.issuerKey!;
  const failed = keyChain?.failure !== undefined && keyChain.failure.verdict !== 'not-anchored';
  return {
    status: keyChain === undefined || keyChain.failure?.verdict === 'not-anchored' ? 'unconfirmed' : failed ? 'failed' : 'verified',
    keyId: signed.keyId,
    verificationMethod: signed.verificationMethod,
    ...(signed.created !== undefined && { created: signed.created }),
    key: {
      keyHash: signed.keyHash,
      registeredAt: event.data.registeredAt,
      eventSeq: event.seq,
      batchIndex: merkle.batch.index,
      ...(keyChain?.anchoredAt !== undefined && { anchoredAt: keyChain.anchoredAt }),
      ...(keyChain?.revokedAt !== undefined && { revokedAt: keyChain.revokedAt }),
    },
  };
}

/**
 * Verifies a proof bundle against the chain alone, running every step in order (VERIFYING.md
 * states the MUST rules), and never calls the StackLedger API. For a signed credential (`/2`)
 * that includes its issuer's signature, the signing key's anchored registration and its
 * revocation (steps 7-9), and DNS when a resolver is given (step 10).
 *
 * Preconditions: `input` is the parsed JSON of the bundle, as untrusted as it comes;
 * `options.now` is a valid Date; at least one endpoint; `maxLagBlocks`, if given, a safe integer
 * >= 0. Never throws: every failure, of the bundle, of the chain endpoints or of the DNS lookup,
 * is a verdict or a report with a reason.
 */
export async function verifyBundle(input: unknown, options: VerifyOptions): Promise<VerificationResult> {
  const checks: CheckRecord[] = [];
  const checkedAt = options.now.toISOString();
  let chain: ConsensusReader | undefined;
  let disagreement: Disagreement | undefined;
  let signature: SignatureReport | undefined;
  let dns: DnsReport | undefined;
  const result = (verdict: Verdict, code: ReasonCode, reason: string, facts?: CredentialFacts): VerificationResult => ({
    verdict,
    code,
    reason,
    facts,
    checks,
    checkedAt,
    ...(chain && { rpc: chain.report() }),
    ...(disagreement && { disagreement }),
    ...(signature && { signature }),
    ...(dns && { dns }),
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

  const signed = checkSignatureOffline(bundle, checks);
  if (!signed.ok) {
    if (signed.verdict === 'bad-signature') signature = { status: 'failed', ...(signed.keyId !== undefined && { keyId: signed.keyId }) };
    return result(signed.verdict, signed.code, signed.reason, facts);
  }
  signature = signatureReport(bundle, signed, undefined);

  const misplaced = anchorProblem(bundle, options, checks);
  if (misplaced) return result('wrong-chain', misplaced.code, misplaced.reason, facts);

  const endpoints = options.endpoints ?? [{ name: 'rpc', reader: options.reader }];
  chain = new ConsensusReader(endpoints, { chainId: options.chainId, maxLagBlocks: options.maxLagBlocks });
  let found: ChainFindings;
  let keyChain: KeyChainFindings | undefined;
  let step = 3;
  try {
    found = await checkChain(bundle, offline.credentialKey, chain, checks);
    if (signed.signed && (!found.failure || found.failure.verdict === 'revoked')) {
      step = 8;
      keyChain = await checkKeyChain(bundle.issuerKey!, signed.keyHash, found.anchoredAtSeconds!, chain, checks);
    }
  } catch (e) {
    const failure = chainError(e, step, bundle, checks);
    disagreement = failure.disagreement;
    return result(failure.verdict, failure.code, failure.reason, facts);
  }
  facts = { ...facts, anchoredAt: found.anchoredAt, revokedAt: found.revokedAt };
  signature = signatureReport(bundle, signed, keyChain);
  if (found.failure && found.failure.verdict !== 'revoked')
    return result(found.failure.verdict, found.failure.code, found.failure.reason, facts);
  if (keyChain?.failure) return result(keyChain.failure.verdict, keyChain.failure.code, keyChain.failure.reason, facts);

  dns = await checkDns(signed, bundle.credential.issuer?.domain, options.dns, checks);
  if (found.failure) return result(found.failure.verdict, found.failure.code, found.failure.reason, facts);
  if (Date.parse(bundle.credential.validUntil) <= options.now.getTime()) {
    const reason = `the credential expired at ${bundle.credential.validUntil} (checked at ${checkedAt})`;
    checks.push({ step: 5, name: 'validUntil not past', ok: false, detail: reason });
    return result('expired', 'EXPIRED', reason, facts);
  }
  checks.push({ step: 5, name: 'validUntil not past', ok: true, detail: `valid until ${bundle.credential.validUntil}` });

  const anchored =
    `the credential is recorded in ledger event ${bundle.event.seq}, anchored in batch ${bundle.merkle.batch.index} ` +
    `on chain ${bundle.anchor.chainId} at ${found.anchoredAt}, and is not revoked (as of block ${chain.block})`;
  const issuer = bundle.credential.issuer;
  const by = signed.signed
    ? `; signed by ${issuer!.name}${issuer!.domain ? ` (${issuer!.domain})` : ''} with its registered key ${signed.keyId}`
    : '; it carries no issuer signature';
  if (options.requireSignature && !signed.signed) {
    return result('unsigned', 'UNSIGNED', `a signature was required, but the credential carries none (otherwise ${anchored})`, facts);
  }
  if (options.requireDns && dns.status !== 'confirmed') {
    const why = dns.message ?? (dns.reason === 'NOT_ASKED' ? 'DNS was not looked up' : 'not confirmed');
    return result(
      'dns-not-confirmed',
      'DNS_NOT_CONFIRMED',
      `the DNS binding was required, but the issuer's domain does not confirm the signing key: ${why}`,
      facts,
    );
  }
  return result('valid', 'OK', anchored + by, facts);
}
