import { mkdirSync } from 'node:fs';

/** Where the service keeps its data when `DATA_DIR` is unset, relative to the working folder; the CLI reads the same place. */
export const DEFAULT_DATA_DIR = './.data';

/**
 * Creates the data folder, and any missing parent, readable by this user only (0700): it holds the
 * ledger, the read models (with key hashes) and maybe the generated admin key. An existing folder
 * is left as the operator set it up.
 */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}
