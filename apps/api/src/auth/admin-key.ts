import { closeSync, constants, fstatSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SERVICE_KEY_LENGTH } from '../config/config-rules';
import { prepareDataDir } from '../config/data-dir';
import { newApiKey } from './api-keys';

export interface ResolvedKey {
  key: string;
  /** True only the first time a local run generates the key: the one moment it is printed. */
  generated: boolean;
  path?: string;
}

/** Absent on platforms without it (Windows), where there is nothing to add. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * ADMIN_API_KEY when set; otherwise a key generated once and kept in the data folder (mode 600).
 * The file is never followed through a symbolic link, never overwritten, and only believed when it
 * is a regular file of this user that no one else can read or write: someone able to plant a file
 * there could otherwise choose the authority's key, or make us write it where they can read it.
 */
export function resolveAdminKey(configured: string | undefined, dataDir: string): ResolvedKey {
  if (configured) return { key: configured, generated: false };
  prepareDataDir(dataDir);
  const path = join(dataDir, 'admin-api-key');
  const kept = readKeptKey(path);
  if (kept !== undefined) return { key: kept, generated: false, path };
  const key = newApiKey('sl_admin');
  writeNewKey(path, key);
  return { key, generated: true, path };
}

function readKeptKey(path: string): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: a planted FIFO must not hang the start.
    fd = openSync(path, constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw refusal(path, 'is a symbolic link');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw refusal(path, 'is not a regular file');
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) throw refusal(path, `belongs to another user (uid ${stat.uid})`);
    if ((stat.mode & 0o077) !== 0) throw refusal(path, `can be read or written by other users (mode ${(stat.mode & 0o777).toString(8)})`);
    const key = readFileSync(fd, 'utf8').trim();
    if (key.length < MIN_SERVICE_KEY_LENGTH) throw refusal(path, 'does not hold a key of at least 32 characters');
    return key;
  } finally {
    closeSync(fd);
  }
}

/** Created exclusively (fails if anything, even a dangling link, is already there), mode 600, synced. */
function writeNewKey(path: string, key: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw refusal(path, 'appeared while the key was being generated');
    throw error;
  }
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function refusal(path: string, problem: string): Error {
  return new Error(
    `the admin key file ${path} ${problem}: refusing to use it. Remove it (a new key is then generated) or set ADMIN_API_KEY`,
  );
}
