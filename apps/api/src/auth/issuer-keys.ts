import { IssuerAuth } from '@stackledger/projections';
import { ReadModelStore } from '../projections/read-model.store';

/**
 * The issuer whose current API key has this SHA-256, or undefined: an unknown key, or one a
 * rotation replaced (its hash still names the issuer in `issuer-key`, but is no longer current).
 */
export function issuerOfKeyHash(readModels: ReadModelStore, hash: string): IssuerAuth | undefined {
  const entry = readModels.get<{ issuerId: string }>('issuer-key', hash);
  const auth = entry && readModels.get<IssuerAuth>('issuer-auth', entry.issuerId);
  return auth?.apiKeyHash === hash ? auth : undefined;
}
