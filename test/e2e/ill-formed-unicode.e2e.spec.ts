import { credentialBody, issueCredential, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { useTestApp } from './support/test-app';

/**
 * A lone UTF-16 surrogate has no canonical JSON form, so an event holding one could be neither
 * hashed nor anchored. Every string a request carries is refused with 400 naming the field, before
 * anything is stored; strings with paired surrogates (emoji) stay welcome.
 */
describe('ill-formed Unicode is refused at the boundary, and the log head does not move', () => {
  const app = useTestApp('ill-formed-unicode');
  const learner = 'L-unicode';
  let issuer: RegisteredIssuer;
  let receiver: RegisteredIssuer;
  let credentialId: string;

  beforeAll(async () => {
    issuer = await registerIssuer(app().http, app().adminKey, 'Unicode University');
    receiver = await registerIssuer(app().http, app().adminKey, 'Receiving College');
    credentialId = (await issueCredential(app().http, issuer.apiKey, learner)).id;
  });

  const headSeq = async () => (await app().http.get('/health')).body.store.headSeq as number;

  async function refused(path: string, body: unknown, key: string, field: string, method = 'POST'): Promise<void> {
    const before = await headSeq();
    const response = await app().http.request(method, path, { key, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION.FORMAT', field });
    expect(response.body.message).toMatch(/well-formed Unicode/);
    expect(await headSeq()).toBe(before);
  }

  it('a lone high surrogate in a credential title', () =>
    refused('/v1/credentials', credentialBody(learner, { title: 'Data \ud800 Analytics' }), issuer.apiKey, 'title'));

  it('a lone low surrogate in one skill, named by its index', () =>
    refused('/v1/credentials', credentialBody(learner, { skills: ['sql', 'stat\udc00istics'] }), issuer.apiKey, 'skills[1]'));

  it('a lone surrogate in an optional description', () =>
    refused('/v1/credentials', credentialBody(learner, { description: '\ud83d' }), issuer.apiKey, 'description'));

  it('a lone surrogate in a revocation reason', () =>
    refused(`/v1/credentials/${credentialId}/revoke`, { reason: 'plagiarised \udfff' }, issuer.apiKey, 'reason'));

  it('a lone surrogate in a transfer programme', () =>
    refused(`/v1/learners/${learner}/transfers`, { credentialIds: [credentialId], programme: 'MSc \ud800' }, receiver.apiKey, 'programme'));

  it('a lone surrogate in a pathway title and in a suspension reason', async () => {
    const pathway = {
      title: 'Diploma \udbff',
      minCredits: '3',
      minCredentials: 1,
      minLevel: 1,
      requiredSkills: [],
      acceptedIssuers: [issuer.id],
    };
    await refused('/v1/pathways', pathway, issuer.apiKey, 'title');
    await refused(`/v1/issuers/${issuer.id}/suspend`, { reason: '\udc00' }, app().adminKey, 'reason');
  });

  it('one bad item of a bulk request of 1,000: 400 naming the item and the field, nothing of the batch stored', async () => {
    const items = Array.from({ length: 1_000 }, (_, i) => credentialBody(`L-bulk-${i}`, { title: `Course ${i}` }));
    items[737] = credentialBody('L-bulk-737', { title: 'Course \ud800' });
    await refused('/v1/credentials:batch', { items }, issuer.apiKey, 'items[737].title');
  });

  it('paired surrogates (emoji) and other scripts are accepted as they are', async () => {
    const credential = await issueCredential(app().http, issuer.apiKey, learner, { title: 'Data 🎓 विश्लेषण', skills: ['🐍 python'] });
    expect(credential).toMatchObject({ title: 'Data 🎓 विश्लेषण', skills: ['🐍 python'] });
  });
});
