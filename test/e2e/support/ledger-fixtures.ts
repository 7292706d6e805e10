import { Http } from './http';

export interface RegisteredIssuer {
  id: string;
  apiKey: string;
}

export async function registerIssuer(http: Http, adminKey: string, name: string): Promise<RegisteredIssuer> {
  const response = await http.post(
    '/v1/issuers',
    { name, country: 'IN', accreditationCode: `ACC-${name.length}`, contactEmail: 'registrar@example.edu' },
    adminKey,
  );
  if (response.status !== 201) throw new Error(`register issuer: ${response.status} ${response.text}`);
  return response.body;
}

export function credentialBody(learnerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    learnerId,
    title: 'Foundations of Data Analytics',
    skills: ['sql', 'statistics'],
    credits: '4.5',
    hours: 135,
    level: 4.5,
    assessment: 'exam',
    ...overrides,
  };
}

export async function issueCredential(
  http: Http,
  issuerKey: string,
  learnerId: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const response = await http.post('/v1/credentials', credentialBody(learnerId, overrides), issuerKey);
  if (response.status !== 201) throw new Error(`issue credential: ${response.status} ${response.text}`);
  return response.body;
}

export interface ClaimedLearner {
  learnerId: string;
  apiKey: string;
}

/** A claim code from `issuerKey` (which must have issued to the learner), claimed at once. */
export async function claimLearner(http: Http, issuerKey: string, learnerId: string): Promise<ClaimedLearner> {
  const code = await http.post(`/v1/learners/${learnerId}/claim-codes`, {}, issuerKey);
  if (code.status !== 201) throw new Error(`claim code: ${code.status} ${code.text}`);
  const claimed = await http.post('/v1/learners/claim', { code: code.body.code });
  if (claimed.status !== 201) throw new Error(`claim: ${claimed.status} ${claimed.text}`);
  return claimed.body;
}

/** The learner grants `institutionId` these scopes for a year; returns the grant. */
export async function grantAccess(
  http: Http,
  learner: ClaimedLearner,
  institutionId: string,
  scopes: string[] = ['read', 'transfer', 'stack'],
): Promise<any> {
  const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
  const grant = await http.post(`/v1/learners/${learner.learnerId}/grants`, { institutionId, scopes, expiresAt }, learner.apiKey);
  if (grant.status !== 201) throw new Error(`grant: ${grant.status} ${grant.text}`);
  return grant.body;
}
