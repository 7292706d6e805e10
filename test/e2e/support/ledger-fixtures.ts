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
