import { evaluatePathway, formatCredits, learnerStatusOf, PathwayCandidate, PathwayDefinition, shortfallOf } from '@stackledger/domain';
import { LearnerView } from './learner-view.projection';

export interface CountedCredential {
  credentialId: string;
  title: string;
  issuerId: string;
  credits: string;
  level: number;
}

export interface PathwayProgress {
  pathwayId: string;
  version: number;
  title: string;
  issuerId: string;
  /** True when the learner's countable credentials satisfy every rule now. */
  complete: boolean;
  required: {
    credits: string;
    credentials: number;
    minLevel: number;
    skills: string[];
    acceptedIssuers: string[];
    maxCredentialAgeDays?: number;
  };
  /** Every credential that counts (eligible now), in issuance order. */
  counted: CountedCredential[];
  totals: { credits: string; credentials: number; skills: string[] };
  missing: { credits: string; credentials: number; skills: string[] };
  /** Why each other credential does not count. */
  notCounted: Array<{ credentialId: string; title: string; reason: string }>;
  /** What an award without credentialIds would stack (empty while incomplete). */
  wouldStack: string[];
  /** The qualifications of this pathway the learner holds. */
  awarded: Array<{ qualificationId: string; pathwayVersion: number; issuedAt: string; status: string }>;
}

/** What counts toward a pathway and what is missing, judged by the domain's own rules at `now`. */
export function pathwayProgress(pathway: PathwayDefinition, learner: LearnerView, now: Date): PathwayProgress {
  const at = now.toISOString();
  const candidates: PathwayCandidate[] = Object.entries(learner.credentials).map(([id, c]) => ({
    id,
    issuerId: c.issuerId,
    credits: c.credits,
    level: c.level,
    skills: c.skills ?? [],
    issuedAt: c.issuedAt,
    status: learnerStatusOf(c, at),
    isQualification: c.qualification !== undefined,
  }));
  const evaluation = evaluatePathway(pathway, candidates, at);
  const counted = evaluation.eligible;
  const titleOf = (id: string) => learner.credentials[id].title;
  const missing = shortfallOf(pathway, counted);
  return {
    pathwayId: pathway.pathwayId,
    version: pathway.version,
    title: pathway.title,
    issuerId: pathway.issuerId,
    complete: evaluation.selection.length > 0,
    required: {
      credits: pathway.minCredits,
      credentials: pathway.minCredentials,
      minLevel: pathway.minLevel,
      skills: pathway.requiredSkills,
      acceptedIssuers: pathway.acceptedIssuers,
      ...(pathway.maxCredentialAgeDays !== undefined && { maxCredentialAgeDays: pathway.maxCredentialAgeDays }),
    },
    counted: counted.map((c) => ({
      credentialId: c.id,
      title: titleOf(c.id),
      issuerId: c.issuerId,
      credits: formatCredits(c.credits),
      level: c.level,
    })),
    totals: {
      credits: formatCredits(counted.reduce((sum, c) => sum + c.credits, 0)),
      credentials: counted.length,
      skills: [...new Set(counted.flatMap((c) => c.skills))],
    },
    missing: { credits: formatCredits(missing.credits), credentials: missing.credentials, skills: missing.skills },
    notCounted: evaluation.excluded.map(({ candidate, reason }) => ({ credentialId: candidate.id, title: titleOf(candidate.id), reason })),
    wouldStack: evaluation.selection.map((c) => c.id),
    awarded: Object.entries(learner.credentials)
      .filter(([, c]) => c.qualification?.pathwayId === pathway.pathwayId)
      .map(([id, c]) => ({
        qualificationId: id,
        pathwayVersion: c.qualification?.pathwayVersion as number,
        issuedAt: c.issuedAt,
        status: learnerStatusOf(c, at),
      })),
  };
}
