import { canonicalJson, credentialKey, eventLeaf, initMerkle, processProof } from '@stackledger/merkle';
import type { BundleMerkle, LedgerEventOf, ProofBundle } from './proof-bundle';
import type { CheckRecord, ReasonCode } from './verdict';

/**
 * Steps 1, 2 and the issuer half of step 5: everything about the anchored credential that needs
 * only the bundle. A bundle failing any of them is `tampered`, whatever the chain says.
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
export class Trail {
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
    return t.fail(
      1,
      'event issues a credential',
      'NOT_A_CREDENTIAL_EVENT',
      `event ${b.event.seq} is a ${b.event.type}, not a credential issuance`,
    );
  }
  const shown = jcs(b.credential);
  const inEvent = jcs(b.event.data.credential);
  if (shown === undefined || inEvent === undefined) {
    return t.fail(1, 'credential is canonical JSON', 'MALFORMED', 'the credential cannot be put in RFC 8785 canonical form');
  }
  if (shown !== inEvent) {
    return t.fail(
      1,
      'credential equals the one in the event',
      'CREDENTIAL_MISMATCH',
      'the credential shown differs from the one recorded in the ledger event',
    );
  }
  t.pass(1, 'credential equals the one in the event');
  const key = credentialKey(b.credential);
  t.pass(1, 'credentialKey recomputed', key);
  return key;
}

/** Where an inclusion check records itself: the step, a prefix for check names, its failure codes. */
export interface InclusionLabels {
  readonly step: number;
  readonly what: string;
  readonly leaf: ReasonCode;
  readonly root: ReasonCode;
  readonly range: ReasonCode;
}

const CREDENTIAL_INCLUSION: InclusionLabels = {
  step: 2,
  what: '',
  leaf: 'LEAF_MISMATCH',
  root: 'ROOT_MISMATCH',
  range: 'SEQ_OUT_OF_RANGE',
};

/** Step 2 (and its twin for the key's registration in step 8): eventHash, leaf, fold, root, seq range. */
export function checkInclusion(
  event: LedgerEventOf<unknown>,
  merkle: BundleMerkle,
  t: Trail,
  labels: InclusionLabels = CREDENTIAL_INCLUSION,
): OfflineFailure | string {
  const { step, what } = labels;
  let leaf: string;
  try {
    leaf = eventLeaf(event);
  } catch (e) {
    return t.fail(step, `${what}event is canonical JSON`, 'MALFORMED', `the ${what}event cannot be hashed: ${(e as Error).message}`);
  }
  if (lower(merkle.leaf) !== leaf) {
    return t.fail(
      step,
      `${what}leaf equals keccak256(eventHash)`,
      labels.leaf,
      `the bundle's ${what}leaf ${merkle.leaf} is not the hash of its event (${leaf})`,
    );
  }
  t.pass(step, `${what}leaf equals keccak256(eventHash)`, leaf);
  const folded = processProof(leaf, merkle.path);
  if (folded !== lower(merkle.batch.root)) {
    return t.fail(
      step,
      `${what}path folds to the batch root`,
      labels.root,
      `the ${what}Merkle path folds to ${folded}, not to the batch root ${merkle.batch.root}`,
    );
  }
  t.pass(step, `${what}path folds to the batch root`, folded);
  const { fromSeq, toSeq } = merkle.batch;
  if (event.seq < fromSeq || event.seq > toSeq) {
    return t.fail(
      step,
      `${what}seq lies in the batch range`,
      labels.range,
      `${what}event seq ${event.seq} lies outside the batch range [${fromSeq}, ${toSeq}]`,
    );
  }
  t.pass(step, `${what}seq lies in the batch range`, `${event.seq} in [${fromSeq}, ${toSeq}]`);
  return leaf;
}

/** Step 5 (offline half): the issuer and learner named are the ones in the event. */
function checkParties(b: ProofBundle, t: Trail): OfflineFailure | undefined {
  const recorded = b.event.data.credential;
  if (recorded.issuerId !== b.credential.issuerId) {
    return t.fail(
      5,
      'issuer is the one in the event',
      'ISSUER_MISMATCH',
      `the credential names issuer ${b.credential.issuerId}, the event ${String(recorded.issuerId)}`,
    );
  }
  t.pass(5, 'issuer is the one in the event', b.credential.issuerId);
  const named = b.credential.issuer;
  if (named !== undefined && named.id !== b.credential.issuerId) {
    return t.fail(
      5,
      'issuer.id is issuerId',
      'ISSUER_MISMATCH',
      `the credential names issuer ${b.credential.issuerId} and issuer.id ${named.id}`,
    );
  }
  if (b.event.stream !== `learner-${b.credential.learnerId}`) {
    return t.fail(
      5,
      "event is in the learner's stream",
      'LEARNER_MISMATCH',
      `the event is in stream ${b.event.stream}, not learner-${b.credential.learnerId}`,
    );
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
  const leaf = checkInclusion(bundle.event, bundle.merkle, t);
  if (typeof leaf !== 'string') return leaf;
  const parties = checkParties(bundle, t);
  if (parties) return parties;
  return { ok: true, credentialKey: key, leaf };
}
