import { canonicalJson, credentialKey, eventLeaf, initMerkle, processProof } from '@stackledger/merkle';
import type { ProofBundle } from './proof-bundle';
import type { CheckRecord, ReasonCode } from './verdict';

/**
 * Steps 1, 2 and the issuer half of step 5 of SPEC section 7: everything that needs only the
 * bundle. A bundle failing any of them is `tampered`, whatever the chain says.
 */

/** Event types whose `data.credential` is a credential document as issued (with upcast versions `.vN`). */
export const CREDENTIAL_EVENT_TYPE = /^(CredentialIssued|QualificationAwarded)(\.v[1-9][0-9]*)?$/;

export interface OfflineFailure {
  readonly ok: false;
  readonly code: ReasonCode;
  readonly reason: string;
}

export interface OfflinePass {
  readonly ok: true;
  readonly credentialKey: string;
  readonly leaf: string;
}

/** Records checks in order; each `check` either passes or yields the failure to return. */
class Trail {
  constructor(readonly checks: CheckRecord[]) {}

  pass(step: number, name: string, detail?: string): void {
    this.checks.push({ step, name, ok: true, detail });
  }

  fail(step: number, name: string, code: ReasonCode, reason: string): OfflineFailure {
    this.checks.push({ step, name, ok: false, detail: reason });
    return { ok: false, code, reason };
  }
}

const lower = (hex: string) => hex.toLowerCase();

/** JCS text, or undefined when the value cannot be canonicalised (lone surrogate, non-finite...). */
function jcs(value: unknown): string | undefined {
  try {
    return canonicalJson(value);
  } catch {
    return undefined;
  }
}

/** Step 1: the credential inside the event equals the credential shown; its key. */
function checkCredential(b: ProofBundle, t: Trail): OfflineFailure | string {
  if (!CREDENTIAL_EVENT_TYPE.test(b.event.type)) {
    return t.fail(1, 'event issues a credential', 'NOT_A_CREDENTIAL_EVENT', `event ${b.event.seq} is a ${b.event.type}, not a credential issuance`);
  }
  const shown = jcs(b.credential);
  const inEvent = jcs(b.event.data.credential);
  if (shown === undefined || inEvent === undefined) {
    return t.fail(1, 'credential is canonical JSON', 'MALFORMED', 'the credential cannot be put in RFC 8785 canonical form');
  }
  if (shown !== inEvent) {
    return t.fail(1, 'credential equals the one in the event', 'CREDENTIAL_MISMATCH', 'the credential shown differs from the one recorded in the ledger event');
  }
  t.pass(1, 'credential equals the one in the event');
  const key = credentialKey(b.credential);
  t.pass(1, 'credentialKey recomputed', key);
  return key;
}

/** Step 2: eventHash, leaf, fold, root, seq range. */
function checkInclusion(b: ProofBundle, t: Trail): OfflineFailure | string {
  let leaf: string;
  try {
    leaf = eventLeaf(b.event);
  } catch (e) {
    return t.fail(2, 'event is canonical JSON', 'MALFORMED', `the event cannot be hashed: ${(e as Error).message}`);
  }
  if (lower(b.merkle.leaf) !== leaf) {
    return t.fail(2, 'leaf equals keccak256(eventHash)', 'LEAF_MISMATCH', `the bundle's leaf ${b.merkle.leaf} is not the hash of its event (${leaf})`);
  }
  t.pass(2, 'leaf equals keccak256(eventHash)', leaf);
  const folded = processProof(leaf, b.merkle.path);
  if (folded !== lower(b.merkle.batch.root)) {
    return t.fail(2, 'path folds to the batch root', 'ROOT_MISMATCH', `the Merkle path folds to ${folded}, not to the batch root ${b.merkle.batch.root}`);
  }
  t.pass(2, 'path folds to the batch root', folded);
  const { fromSeq, toSeq } = b.merkle.batch;
  if (b.event.seq < fromSeq || b.event.seq > toSeq) {
    return t.fail(2, 'seq lies in the batch range', 'SEQ_OUT_OF_RANGE', `event seq ${b.event.seq} lies outside the batch range [${fromSeq}, ${toSeq}]`);
  }
  t.pass(2, 'seq lies in the batch range', `${b.event.seq} in [${fromSeq}, ${toSeq}]`);
  return leaf;
}

/** Step 5 (offline half): the issuer and learner named are the ones in the event. */
function checkParties(b: ProofBundle, t: Trail): OfflineFailure | undefined {
  const recorded = b.event.data.credential;
  if (recorded.issuerId !== b.credential.issuerId) {
    return t.fail(5, 'issuer is the one in the event', 'ISSUER_MISMATCH', `the credential names issuer ${b.credential.issuerId}, the event ${String(recorded.issuerId)}`);
  }
  t.pass(5, 'issuer is the one in the event', b.credential.issuerId);
  if (b.event.stream !== `learner-${b.credential.learnerId}`) {
    return t.fail(5, "event is in the learner's stream", 'LEARNER_MISMATCH', `the event is in stream ${b.event.stream}, not learner-${b.credential.learnerId}`);
  }
  t.pass(5, "event is in the learner's stream", b.event.stream);
  return undefined;
}

/**
 * Runs the offline steps on a bundle whose shape was already checked.
 *
 * Preconditions: `bundle` passed {@link checkBundleShape}. Appends to `checks`; never throws on
 * hostile content.
 */
export async function checkOffline(bundle: ProofBundle, checks: CheckRecord[]): Promise<OfflineFailure | OfflinePass> {
  await initMerkle();
  const t = new Trail(checks);
  const key = checkCredential(bundle, t);
  if (typeof key !== 'string') return key;
  const leaf = checkInclusion(bundle, t);
  if (typeof leaf !== 'string') return leaf;
  const parties = checkParties(bundle, t);
  if (parties) return parties;
  return { ok: true, credentialKey: key, leaf };
}
