import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INSTANCE_ID = Symbol('INSTANCE_ID');

/**
 * Stable per data folder, so an instance restarted after a crash recognises its own anchoring
 * claim and resumes at once instead of waiting for the claim to go stale.
 */
export function instanceIdFor(dataDir: string): string {
  const path = join(dataDir, 'instance-id');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const id = randomUUID();
  writeFileSync(path, `${id}\n`);
  return id;
}
