import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

/**
 * 1EdTech's published JSON Schema for the Open Badges 3.0 AchievementCredential
 * (https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json),
 * committed under test/fixtures/open-badges (see its README for where the copy comes from).
 * Draft 2019-09; formats (date-time, uri...) checked.
 */
const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'open-badges', 'ob_v3p0_achievementcredential_schema.json'), 'utf8'),
);
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `badge`, as `path: message`; empty when it validates. */
export function validateOpenBadge(badge: unknown): string[] {
  if (validate(badge)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
