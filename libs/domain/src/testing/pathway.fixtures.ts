import { createCredentialDocument, CredentialInput } from '../credential/credential-document';
import { AwardQualification } from '../learner/learner.commands';
import { CredentialIssued, CredentialRevoked } from '../learner/learner.events';
import { PathwayDefinition } from '../pathway/pathway.events';
import { ISSUED_AT, SALT, validInput } from './credential.fixtures';
import { LEARNER, NOW } from './learner.fixtures';

export const PATHWAY_ID = 'pw-1';
export const QUALIFICATION_SALT = `0x${'c4'.repeat(32)}`;

/** Diploma: at least 10 credits from 3 credentials of level 4.5+, with python, from iss-1 or iss-3. */
export const diploma = (overrides: Partial<PathwayDefinition> = {}): PathwayDefinition => ({
  pathwayId: PATHWAY_ID,
  issuerId: 'iss-1',
  version: 1,
  title: 'Diploma in Data Analytics',
  minCredits: '10',
  minCredentials: 3,
  minLevel: 4.5,
  requiredSkills: ['python'],
  acceptedIssuers: ['iss-1', 'iss-3'],
  definedAt: '2026-02-01T00:00:00.000Z',
  ...overrides,
});

type CredentialOverrides = Partial<CredentialInput> & { issuerId?: string; issuedAt?: string };

/** A CredentialIssued with 4 credits (120 hours) unless told otherwise; hours follow credits. */
export function credential(id: string, overrides: CredentialOverrides = {}): CredentialIssued {
  const { issuerId = 'iss-1', issuedAt = ISSUED_AT, ...input } = overrides;
  const credits = input.credits ?? 400;
  const fields = validInput({ hours: Math.round((credits * 3) / 10), ...input, credits });
  return {
    type: 'CredentialIssued',
    data: { credential: createCredentialDocument({ id, issuerId, salt: SALT, issuedAt, input: fields }) },
  };
}

export function awardCommand(overrides: Partial<AwardQualification['data']> = {}): AwardQualification {
  return {
    type: 'AwardQualification',
    data: {
      qualificationId: 'q-1',
      salt: QUALIFICATION_SALT,
      awardedAt: NOW,
      pathwayId: PATHWAY_ID,
      pathway: diploma(),
      awardingIssuer: { issuerId: 'iss-1', status: 'active' },
      learnerId: LEARNER,
      ...overrides,
    },
  };
}

export const revocation = (credentialId: string, extra: Partial<CredentialRevoked['data']> = {}): CredentialRevoked => ({
  type: 'CredentialRevoked',
  data: { credentialId, learnerId: LEARNER, issuerId: 'iss-1', reason: 'fraud', revokedAt: NOW, credits: '4', ...extra },
});
