import { ClaimCodeAuth, LearnerAuth } from '@stackledger/projections';
import { ReadModelStore } from '../projections/read-model.store';
import { hashApiKey, sameKey } from './api-keys';

/** The learner whose current key has this SHA-256, or undefined (unknown, or replaced by a rotation). */
export function learnerOfKeyHash(readModels: ReadModelStore, hash: string): string | undefined {
  const entry = readModels.get<{ learnerId: string }>('learner-key', hash);
  const auth = entry && readModels.get<LearnerAuth>('learner-auth', entry.learnerId);
  return auth?.apiKeyHash === hash ? auth.learnerId : undefined;
}

/** A claim code is `<codeId>.<secret>`: the id names it in the learner stream, the secret proves it was handed over. */
const CLAIM_CODE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** The learner and code id of a claim code whose secret matches its stored hash, or undefined. */
export function claimCodeOf(readModels: ReadModelStore, code: string): { codeId: string; learnerId: string } | undefined {
  const match = CLAIM_CODE.exec(code);
  if (!match) return undefined;
  const entry = readModels.get<ClaimCodeAuth>('claim-code', match[1]);
  if (!entry || !sameKey(hashApiKey(match[2]), entry.secretHash)) return undefined;
  return { codeId: match[1], learnerId: entry.learnerId };
}
