import { DEFAULT_VALIDITY_YEARS } from '../credential/credential-document';
import { formatCredits } from '../shared/credits';
import { DomainError } from '../shared/domain-error';
import { addCalendarYears, parseInstant } from '../shared/instant';
import { requireArray, requireId, requirePattern } from '../shared/validation';
import { requireOwner } from '../pathway/pathway.decide';
import { PathwayDefinition } from '../pathway/pathway.events';
import {
  describeShortfall,
  evaluatePathway,
  EXCLUSION_TEXT,
  exclusionOf,
  isMet,
  PathwayCandidate,
  shortfallOf,
} from '../pathway/pathway.rules';
import { AwardQualification } from './learner.commands';
import { QualificationAwarded, QualificationDocument } from './learner.events';
import { learnerStatusOf } from './learner-status';
import { LearnerState } from './learner.state';
import { findCredential, requireActiveIssuer } from './learner.rules';
import { requireGrantIn } from './access.rules';

export const MAX_AWARD_COMPONENTS = 1000;

type Data = AwardQualification['data'];

/** The rules are checked against the learner stream as it stands, so no component counts twice. */
export function awardQualification({ data }: AwardQualification, state: LearnerState): QualificationAwarded {
  const qualificationId = requireId(data.qualificationId, 'qualificationId');
  const awardedAt = parseInstant(data.awardedAt, 'awardedAt');
  if (data.pathway === undefined) throw new DomainError('PATHWAY.NOT_FOUND', `pathway ${data.pathwayId} is not defined`, 'id');
  const pathway = data.pathway;
  requireOwner(pathway, data.awardingIssuer.issuerId);
  requireActiveIssuer(data.awardingIssuer, 'issuerId');
  requireGrantIn(state, data.learnerId, data.awardingIssuer.issuerId, 'stack', awardedAt);
  if (state.learnerId !== undefined && state.learnerId !== data.learnerId) {
    throw new Error(`AwardQualification for learner ${data.learnerId} was sent to the stream of learner ${state.learnerId}`);
  }
  if (Object.hasOwn(state.credentials, qualificationId)) {
    throw new DomainError('CREDENTIAL.ALREADY_ISSUED', `credential ${qualificationId} is already issued`, 'qualificationId');
  }
  const named = data.credentialIds === undefined ? undefined : namedComponents(state, data, pathway, awardedAt);
  requireNotYetAwarded(state, pathway, data.learnerId);
  const components = named ?? autoSelected(state, pathway, data.learnerId, awardedAt);
  return {
    type: 'QualificationAwarded',
    data: { credential: qualificationDocument(state, data, pathway, components, qualificationId, awardedAt) },
  };
}

/** Every learner credential as a pathway candidate, in issuance order. */
export function candidatesOf(state: LearnerState, at: string): PathwayCandidate[] {
  return Object.entries(state.credentials).map(([id, c]) => ({
    id,
    issuerId: c.issuerId,
    credits: c.credits,
    level: c.level,
    skills: c.skills,
    issuedAt: c.issuedAt,
    status: learnerStatusOf(c, at),
    isQualification: c.qualification !== undefined,
  }));
}

function namedComponents(state: LearnerState, data: Data, pathway: PathwayDefinition, at: string): PathwayCandidate[] {
  const ids = requireComponentIds(data.credentialIds);
  ids.forEach((id) => findCredential(state, id, 'credentialIds', data.learnerId));
  const chosen = candidatesOf(state, at).filter((c) => ids.includes(c.id));
  chosen.forEach((c) => requireCountable(state, pathway, c, at));
  const shortfall = shortfallOf(pathway, chosen);
  if (!isMet(shortfall)) {
    const counted = formatCredits(chosen.reduce((sum, c) => sum + c.credits, 0));
    throw rulesNotMet(
      pathway,
      data.learnerId,
      `the named credentials (${counted} credits) still lack ${describeShortfall(shortfall)}`,
      'credentialIds',
    );
  }
  return chosen;
}

function requireComponentIds(value: unknown): string[] {
  const ids = requireArray(value, 'credentialIds').map((id) => requireId(id, 'credentialIds'));
  if (ids.length === 0) {
    throw new DomainError(
      'PATHWAY.EMPTY_SELECTION',
      'credentialIds must name at least one credential, or be left out to let the ledger choose',
      'credentialIds',
    );
  }
  if (ids.length > MAX_AWARD_COMPONENTS) {
    throw new DomainError('VALIDATION.LENGTH', `credentialIds must name at most ${MAX_AWARD_COMPONENTS} credentials`, 'credentialIds');
  }
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined)
    throw new DomainError('VALIDATION.DUPLICATE', `credentialIds names ${repeated} more than once`, 'credentialIds');
  return ids;
}

function requireCountable(state: LearnerState, pathway: PathwayDefinition, candidate: PathwayCandidate, at: string): void {
  const reason = exclusionOf(pathway, candidate, at);
  const { id } = candidate;
  const field = 'credentialIds';
  const credential = state.credentials[id];
  switch (reason) {
    case undefined:
      return;
    case 'qualification':
      throw new DomainError(
        'CREDIT.IS_QUALIFICATION',
        `credential ${id} is a stacked qualification; its credits are those of its components`,
        field,
      );
    case 'stacked':
      throw new DomainError(
        'CREDIT.ALREADY_STACKED',
        `credential ${id} is already stacked into qualification ${credential.qualificationId}`,
        field,
      );
    case 'transferred':
      throw new DomainError(
        'CREDIT.ALREADY_TRANSFERRED',
        `the credits of credential ${id} were already transferred (transfer ${credential.transferId})`,
        field,
      );
    case 'revoked':
      throw new DomainError('CREDIT.REVOKED', `credential ${id} is revoked and cannot count toward a qualification`, field);
    case 'expired':
      throw new DomainError('CREDIT.EXPIRED', `credential ${id} expired at ${credential.validUntil}`, field);
    default:
      throw rulesNotMet(
        pathway,
        state.learnerId as string,
        `credential ${id} ${EXCLUSION_TEXT[reason]}${ruleDetail(pathway, reason)}`,
        field,
      );
  }
}

function ruleDetail(pathway: PathwayDefinition, reason: 'issuer-not-accepted' | 'level-too-low' | 'too-old'): string {
  if (reason === 'issuer-not-accepted') return ` (accepted: ${pathway.acceptedIssuers.join(', ')})`;
  if (reason === 'level-too-low') return ` (${pathway.minLevel})`;
  return ` (${pathway.maxCredentialAgeDays} days)`;
}

function requireNotYetAwarded(state: LearnerState, pathway: PathwayDefinition, learnerId: string): void {
  const earlier = Object.entries(state.credentials).find(
    ([, c]) => c.qualification?.pathwayId === pathway.pathwayId && c.status !== 'revoked',
  );
  if (earlier) {
    throw new DomainError(
      'PATHWAY.ALREADY_AWARDED',
      `learner ${learnerId} already holds qualification ${earlier[0]} of pathway ${pathway.pathwayId}`,
      'learnerId',
    );
  }
}

function autoSelected(state: LearnerState, pathway: PathwayDefinition, learnerId: string, at: string): PathwayCandidate[] {
  const evaluation = evaluatePathway(pathway, candidatesOf(state, at), at);
  if (evaluation.selection.length > 0) return evaluation.selection;
  const notCounted = evaluation.excluded.slice(0, 10).map(({ candidate, reason }) => `${candidate.id} ${EXCLUSION_TEXT[reason]}`);
  const why = notCounted.length === 0 ? '' : `; not counted: ${notCounted.join('; ')}${evaluation.excluded.length > 10 ? '; …' : ''}`;
  throw rulesNotMet(pathway, learnerId, `the learner's countable credentials still lack ${describeShortfall(evaluation.shortfall)}${why}`);
}

function rulesNotMet(pathway: PathwayDefinition, learnerId: string, detail: string, field?: string): DomainError {
  const whose = learnerId === '' ? '' : ` for learner ${learnerId}`;
  return new DomainError(
    'PATHWAY.RULES_NOT_MET',
    `pathway ${pathway.pathwayId} (version ${pathway.version}) is not complete${whose}: ${detail}`,
    field,
  );
}

/**
 * Title and description from the pathway; skills the union of the components'; credits and hours
 * their sums; level the pathway's minimum level; validity the ABC shelf life from the award.
 */
function qualificationDocument(
  state: LearnerState,
  data: Data,
  pathway: PathwayDefinition,
  components: PathwayCandidate[],
  id: string,
  awardedAt: string,
): QualificationDocument {
  const parts = components.map((c) => state.credentials[c.id]);
  return {
    id,
    issuerId: pathway.issuerId,
    learnerId: data.learnerId,
    title: pathway.title,
    ...(pathway.description !== undefined && { description: pathway.description }),
    skills: [...new Set(parts.flatMap((c) => c.skills))],
    credits: formatCredits(parts.reduce((sum, c) => sum + c.credits, 0)),
    hours: parts.reduce((sum, c) => sum + c.hours, 0),
    level: pathway.minLevel,
    creditBasis: parts.every((c) => c.creditBasis === 'ncrf') ? 'ncrf' : 'ects',
    assessment: 'other',
    issuedAt: awardedAt,
    validUntil: addCalendarYears(awardedAt, DEFAULT_VALIDITY_YEARS),
    salt: requirePattern(data.salt, 'salt', /^0x[0-9a-f]{64}$/, '0x followed by 64 lower-case hex digits'),
    pathwayId: pathway.pathwayId,
    pathwayVersion: pathway.version,
    components: components.map((c) => c.id),
  };
}
