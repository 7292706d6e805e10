import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newApiKey } from './api-keys';

export interface ResolvedKey {
  key: string;
  /** True only the first time a local run generates the key: the one moment it is printed. */
  generated: boolean;
  path?: string;
}

/** ADMIN_API_KEY when set; otherwise a key generated once and kept (mode 600) in the data folder. */
export function resolveAdminKey(configured: string | undefined, dataDir: string): ResolvedKey {
  if (configured) return { key: configured, generated: false };
  const path = join(dataDir, 'admin-api-key');
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), generated: false, path };
  mkdirSync(dataDir, { recursive: true });
  const key = newApiKey('sl_admin');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { key, generated: true, path };
}
