import { canonicalJson } from '@stackledger/merkle';
import { checkBundleShape, type ProofBundle } from './proof-bundle';
import type { VerificationResult } from './verdict';
import { verifyBundle, type VerifyOptions } from './verify-bundle';

/**
 * A StackLedger credential as an Open Badges 3.0 `OpenBadgeCredential` (a W3C VC 2.0), carrying
 * the proof bundle as its `proof`, and the way back: extract the bundle, check that the
 * badge's visible fields say what the anchored credential says, verify. Pure (browser and Node).
 *
 * Mapping decisions (the OB3 spec leaves these to the issuer):
 * - ids are URNs: the credential `urn:uuid:{id}`, its achievement `urn:uuid:{id}#achievement`,
 *   the issuer `urn:uuid:{issuerId}`.
 * - the learner is an `IdentityObject` with `hashed: false` and `identityType`
 *   `ext:StackLedgerLearnerId`: the embedded bundle holds the learnerId in clear (it is part of the
 *   anchored event), so a salted hash here would hide nothing.
 * - `creditsAvailable` / `creditsEarned` are JSON numbers (OB3 types them so): `Number` of the
 *   canonical decimal string. Canonical credits have at most two fraction digits and no trailing
 *   zeros, so `String(Number(text)) === text` for every amount under 10^13 credits; the mapping
 *   refuses anything that would not round-trip, so no float drift can ever be published.
 * - the NCrF level is an `Alignment` with `targetType: "ext:NCrFLevel"`, `targetCode` the level
 *   (`"4.5"`) and `targetUrl` `urn:stackledger:ncrf-level:{level}`.
 * - skills are the achievement's `tag`s (OB3 `resultDescription` describes gradable results, not
 *   outcomes); assessment and hours go into `criteria.narrative`.
 * - `proof` is `[{type: "StackLedgerAnchorProof2026", proofPurpose: "assertionMethod",
 *   verificationMethod: "eip155:{chainId}:{contract}", bundle}]`. The VC 2.0 context's
 *   `@vocab` covers these terms. The contract named there is a claim: verifiers use the contract
 *   they trust, exactly as for a bare bundle.
 */
export const OPEN_BADGE_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;
export const STACKLEDGER_PROOF_TYPE = 'StackLedgerAnchorProof2026';
export const LEARNER_IDENTITY_TYPE = 'ext:StackLedgerLearnerId';
export const NCRF_LEVEL_TARGET_TYPE = 'ext:NCrFLevel';

/** What the badge says about the issuer beyond the bundle (the name is not anchored). */
export interface IssuerProfile {
  readonly id: string;
  readonly name: string;
}

export type OpenBadgeCredential = Record<string, unknown> & {
  readonly '@context': readonly string[];
  readonly type: readonly string[];
  readonly proof: readonly Record<string, unknown>[];
};

/** Credits as an OB3 number. Precondition: `credits` is a canonical decimal string. */
export function creditsNumber(credits: string): number {
  const value = Number(credits);
  if (!/^\d+(\.\d{1,2})?$/.test(credits) || String(value) !== credits) {
    throw new RangeError(`credits ${JSON.stringify(credits)} do not round-trip through a JSON number`);
  }
  return value;
}

const urn = (uuid: string) => `urn:uuid:${uuid}`;

function criteriaOf(c: ProofBundle['credential']): string {
  const assessment = typeof c.assessment === 'string' ? c.assessment : 'unspecified';
  const hours = typeof c.hours === 'number' ? `${c.hours} notional learning hours` : 'notional learning hours not stated';
  const basis = c.creditBasis === 'ects' ? 'ECTS' : 'NCrF';
  return `Assessment: ${assessment}; ${hours}; credits on the ${basis} basis. Recorded on the StackLedger ledger and anchored on chain.`;
}

function achievementOf(c: ProofBundle['credential'], qualification: boolean): Record<string, unknown> {
  return {
    id: `${urn(c.id)}#achievement`,
    type: ['Achievement'],
    achievementType: qualification ? 'Certificate' : 'MicroCredential',
    name: c.title,
    description: typeof c.description === 'string' && c.description !== '' ? c.description : c.title,
    criteria: { narrative: criteriaOf(c) },
    creditsAvailable: creditsNumber(c.credits),
    alignment: [
      {
        type: ['Alignment'],
        targetType: NCRF_LEVEL_TARGET_TYPE,
        targetName: `NCrF level ${c.level}`,
        targetCode: String(c.level),
        targetFramework: 'National Credit Framework (India)',
        targetUrl: `urn:stackledger:ncrf-level:${c.level}`,
      },
    ],
    tag: Array.isArray(c.skills) ? c.skills.filter((s): s is string => typeof s === 'string') : [],
  };
}

/**
 * The OB3 rendition of a credential document without any proof: a pure function of the document
 * (and, for a stacked qualification, of that fact), so the issuer's software can build and sign
 * it before issuing and anyone can rebuild it from the anchored document. Preconditions:
 * `issuer.id` is the credential's issuerId; credits are canonical.
 */
export function openBadgeRendition(
  c: ProofBundle['credential'],
  issuer: IssuerProfile,
  qualification = false,
): Record<string, unknown> & { '@context': string[] } {
  return {
    '@context': [...OPEN_BADGE_CONTEXT],
    id: urn(c.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: c.title,
    issuer: { id: urn(issuer.id), type: ['Profile'], name: issuer.name },
    ...(c.issuedAt !== undefined && { validFrom: c.issuedAt }),
    validUntil: c.validUntil,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: c.learnerId, identityType: LEARNER_IDENTITY_TYPE, hashed: false }],
      creditsEarned: creditsNumber(c.credits),
      achievement: achievementOf(c, qualification),
    },
  };
}

/**
 * The OB3 form of an anchored credential: its rendition with, as `proof`, the issuer's
 * eddsa-jcs-2022 proof over the rendition when given (`issuerProof`), then the anchor proof
 * carrying the bundle. Preconditions: `bundle` is a proof bundle as the API serves it;
 * `issuer.id` is the credential's issuerId.
 */
export function toOpenBadgeCredential(
  bundle: ProofBundle,
  issuer: IssuerProfile,
  issuerProof?: Record<string, unknown>,
): OpenBadgeCredential {
  const qualification = /^QualificationAwarded/.test(bundle.event.type);
  return {
    ...openBadgeRendition(bundle.credential, issuer, qualification),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    proof: [
      ...(issuerProof === undefined ? [] : [issuerProof]),
      {
        type: STACKLEDGER_PROOF_TYPE,
        proofPurpose: 'assertionMethod',
        verificationMethod: `eip155:${bundle.anchor.chainId}:${bundle.anchor.contract}`,
        bundle,
      },
    ],
  };
}

export type ReadDocument =
  | { readonly form: 'proof-bundle'; readonly bundle: unknown }
  | { readonly form: 'open-badge'; readonly badge: Record<string, unknown>; readonly bundle: unknown }
  | { readonly form: 'open-badge'; readonly badge: Record<string, unknown>; readonly error: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const types = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/**
 * Tells a bare proof bundle from a (StackLedger) Open Badge and takes the bundle out of the
 * badge's `proof`. Anything that is not a verifiable credential is treated as a bundle, whose
 * shape check then names what is wrong. Never throws.
 */
export function readCredentialDocument(input: unknown): ReadDocument {
  if (!isObject(input) || !types(input.type).includes('VerifiableCredential')) return { form: 'proof-bundle', bundle: input };
  if (!types(input.type).includes('OpenBadgeCredential')) {
    return { form: 'open-badge', badge: input, error: 'a verifiable credential that is not an OpenBadgeCredential' };
  }
  const proofs = types(input.proof).filter((p) => isObject(p) && p.type === STACKLEDGER_PROOF_TYPE) as Record<string, unknown>[];
  if (proofs.length !== 1) {
    const what = proofs.length === 0 ? `no ${STACKLEDGER_PROOF_TYPE} proof` : `${proofs.length} ${STACKLEDGER_PROOF_TYPE} proofs`;
    return { form: 'open-badge', badge: input, error: `an Open Badge with ${what}, so not anchored by StackLedger` };
  }
  return { form: 'open-badge', badge: input, bundle: proofs[0].bundle };
}

/** The badge members a person or a wallet shows; each must be exactly what the bundle implies. */
const VISIBLE_PATHS: readonly (readonly string[])[] = [
  ['id'],
  ['name'],
  ['issuer', 'id'],
  ['validFrom'],
  ['validUntil'],
  ['credentialSubject', 'identifier'],
  ['credentialSubject', 'creditsEarned'],
  ...['id', 'name', 'description', 'achievementType', 'criteria', 'creditsAvailable', 'alignment', 'tag'].map((f) => [
    'credentialSubject',
    'achievement',
    f,
  ]),
];

function at(doc: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), doc);
}

function same(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a ?? null) === canonicalJson(b ?? null);
  } catch {
    return false;
  }
}

const show = (v: unknown) => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/**
 * The visible badge fields that differ from what the bundle's credential says (title, credits,
 * issuer, learner, level, validity, skills...), as `path: badge value vs anchored value`.
 * Preconditions: `bundle` passed {@link checkBundleShape}. Empty when they all agree.
 */
export function badgeMismatches(badge: Record<string, unknown>, bundle: ProofBundle): string[] {
  const issuer = at(badge, ['issuer']);
  const name = isObject(issuer) && typeof issuer.name === 'string' ? issuer.name : '';
  let expected: OpenBadgeCredential;
  try {
    expected = toOpenBadgeCredential(bundle, { id: bundle.credential.issuerId, name });
  } catch (e) {
    return [`the anchored credential cannot be shown as an Open Badge: ${(e as Error).message}`];
  }
  return VISIBLE_PATHS.filter((p) => !same(at(badge, p), at(expected, p))).map(
    (p) => `${p.join('.')}: the badge shows ${show(at(badge, p))}, the anchored credential says ${show(at(expected, p))}`,
  );
}

/** A verification result, and which form the document had. */
export type DocumentVerification = VerificationResult & { readonly form: ReadDocument['form'] };

/**
 * Verifies a bare proof bundle or a StackLedger Open Badge: the bundle as {@link verifyBundle}
 * does, and for a badge additionally that its visible fields agree with the anchored credential,
 * else `tampered` (code `CREDENTIAL_MISMATCH`) whatever the chain says. Never throws.
 */
export async function verifyCredentialDocument(input: unknown, options: VerifyOptions): Promise<DocumentVerification> {
  const doc = readCredentialDocument(input);
  if ('error' in doc) {
    const reason = `malformed Open Badge: ${doc.error}`;
    return {
      form: doc.form,
      verdict: 'tampered',
      code: 'MALFORMED',
      reason,
      checks: [{ step: 0, name: 'Open Badge carries a StackLedger proof', ok: false, detail: reason }],
      checkedAt: options.now.toISOString(),
    };
  }
  const result = await verifyBundle(doc.bundle, options);
  if (doc.form === 'proof-bundle' || result.verdict === 'tampered') return { ...result, form: doc.form };
  const shape = checkBundleShape(doc.bundle);
  const mismatches = shape.ok ? badgeMismatches(doc.badge, shape.bundle) : [shape.reason];
  const check = {
    step: 1,
    name: 'Open Badge fields equal the anchored credential',
    ok: mismatches.length === 0,
    detail: mismatches.join('; ') || undefined,
  };
  const checks = [...result.checks, check];
  if (mismatches.length === 0) return { ...result, checks, form: doc.form };
  const reason = `the Open Badge differs from the anchored credential it carries (${mismatches.length === 1 ? mismatches[0] : `${mismatches[0]}; and ${mismatches.length - 1} more`})`;
  const { anchoredAt: _a, revokedAt: _r, ...claimed } = result.facts!;
  return { ...result, verdict: 'tampered', code: 'CREDENTIAL_MISMATCH', reason, facts: claimed, checks, form: doc.form };
}
