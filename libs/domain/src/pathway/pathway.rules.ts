import { formatCredits, parseCredits } from '../shared/credits';
import { toMillis } from '../shared/instant';
import { CredentialStatus } from '../learner/learner-status';
import { PathwayDefinition } from './pathway.events';

const DAY_MS = 86_400_000;

/** A learner's credential as the pathway rules see it; credits in integer hundredths. */
export interface PathwayCandidate {
  id: string;
  issuerId: string;
  credits: number;
  level: number;
  skills: readonly string[];
  issuedAt: string;
  /** The status at the time of evaluation (expiry already applied). */
  status: CredentialStatus;
  isQualification: boolean;
}

export type Exclusion =
  'qualification' | 'revoked' | 'transferred' | 'stacked' | 'expired' | 'issuer-not-accepted' | 'level-too-low' | 'too-old';

export interface Shortfall {
  /** Integer hundredths still missing (0 when the minimum is met). */
  credits: number;
  credentials: number;
  skills: string[];
}

export interface PathwayEvaluation {
  /** In the order given (issuance order), every credential that may count. */
  eligible: PathwayCandidate[];
  excluded: Array<{ candidate: PathwayCandidate; reason: Exclusion }>;
  /** What all eligible credentials together still lack. */
  shortfall: Shortfall;
  /** The components an award without an explicit list would stack; empty while the rules are not met. */
  selection: PathwayCandidate[];
}

/** Why a credential cannot count toward the pathway at `at`, or undefined when it can. */
export function exclusionOf(pathway: PathwayDefinition, candidate: PathwayCandidate, at: string): Exclusion | undefined {
  if (candidate.isQualification) return 'qualification';
  if (candidate.status !== 'active') return candidate.status;
  if (!pathway.acceptedIssuers.includes(candidate.issuerId)) return 'issuer-not-accepted';
  if (candidate.level < pathway.minLevel) return 'level-too-low';
  const maxAge = pathway.maxCredentialAgeDays;
  if (maxAge !== undefined && toMillis(at) - toMillis(candidate.issuedAt) > maxAge * DAY_MS) return 'too-old';
  return undefined;
}

export function shortfallOf(pathway: PathwayDefinition, counted: readonly PathwayCandidate[]): Shortfall {
  const credits = counted.reduce((sum, c) => sum + c.credits, 0);
  const skills = new Set(counted.flatMap((c) => c.skills));
  return {
    credits: Math.max(0, parseCredits(pathway.minCredits, 'minCredits') - credits),
    credentials: Math.max(0, pathway.minCredentials - counted.length),
    skills: pathway.requiredSkills.filter((s) => !skills.has(s)),
  };
}

export const isMet = (shortfall: Shortfall): boolean =>
  shortfall.credits === 0 && shortfall.credentials === 0 && shortfall.skills.length === 0;

/**
 * Deterministic choice of components: in the order given (issuance order), a credential is taken
 * while the credit or credential minimum is unmet, or when it brings a required skill still
 * missing; the walk stops as soon as every rule holds. Empty when the eligible ones cannot satisfy it.
 */
export function selectComponents(pathway: PathwayDefinition, eligible: readonly PathwayCandidate[]): PathwayCandidate[] {
  const taken: PathwayCandidate[] = [];
  for (const candidate of eligible) {
    const lacking = shortfallOf(pathway, taken);
    if (isMet(lacking)) break;
    const needed = lacking.credits > 0 || lacking.credentials > 0 || candidate.skills.some((s) => lacking.skills.includes(s));
    if (needed) taken.push(candidate);
  }
  return isMet(shortfallOf(pathway, taken)) ? taken : [];
}

export function evaluatePathway(pathway: PathwayDefinition, candidates: readonly PathwayCandidate[], at: string): PathwayEvaluation {
  const eligible: PathwayCandidate[] = [];
  const excluded: PathwayEvaluation['excluded'] = [];
  for (const candidate of candidates) {
    const reason = exclusionOf(pathway, candidate, at);
    if (reason === undefined) eligible.push(candidate);
    else excluded.push({ candidate, reason });
  }
  return { eligible, excluded, shortfall: shortfallOf(pathway, eligible), selection: selectComponents(pathway, eligible) };
}

/** "2.5 more credits, 1 more credential, skill statistics", for error messages. */
export function describeShortfall(shortfall: Shortfall): string {
  const parts: string[] = [];
  if (shortfall.credits > 0) parts.push(`${formatCredits(shortfall.credits)} more credits`);
  if (shortfall.credentials > 0) parts.push(`${shortfall.credentials} more credential${shortfall.credentials === 1 ? '' : 's'}`);
  if (shortfall.skills.length > 0) parts.push(`skill${shortfall.skills.length === 1 ? '' : 's'} ${shortfall.skills.join(', ')}`);
  return parts.join(', ');
}

export const EXCLUSION_TEXT: Readonly<Record<Exclusion, string>> = {
  qualification: 'is itself a stacked qualification',
  revoked: 'is revoked',
  transferred: 'was transferred',
  stacked: 'is already stacked into a qualification',
  expired: 'has expired',
  'issuer-not-accepted': 'comes from an issuer the pathway does not accept',
  'level-too-low': 'is below the minimum level',
  'too-old': 'is older than the maximum age',
};
