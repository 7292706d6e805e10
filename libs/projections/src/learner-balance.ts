import { formatCredits } from '@stackledger/domain';
import { credentialStatusAt } from './credential-status';
import { LearnerView } from './learner-view.projection';

export interface IssuedAvailable {
  issued: string;
  available: string;
}

export interface LearnerBalance {
  learnerId: string;
  issued: string;
  available: string;
  transferred: { total: string; byInstitution: Record<string, string> };
  revoked: string;
  expired: string;
  stacked: string;
  byLevel: Record<string, IssuedAvailable>;
  byIssuer: Record<string, IssuedAvailable>;
  asOfSeq: number;
}

interface Tally {
  issued: number;
  available: number;
  transferred: number;
  revoked: number;
  expired: number;
  stacked: number;
  byInstitution: Map<string, number>;
  byLevel: Map<string, { issued: number; available: number }>;
  byIssuer: Map<string, { issued: number; available: number }>;
}

/**
 * Sums in integer hundredths, so issued = available + transferred + revoked + expired + stacked holds
 * exactly: every credential lands in exactly one bucket, chosen by its status at `now`. A stacked
 * qualification carries its components' credits, which are already counted (as `stacked`, or
 * `revoked` once revoked), so the qualification itself is in no bucket and not in `issued`.
 */
export function learnerBalance(view: LearnerView, now: Date, asOfSeq: number): LearnerBalance {
  const tally: Tally = {
    issued: 0,
    available: 0,
    transferred: 0,
    revoked: 0,
    expired: 0,
    stacked: 0,
    byInstitution: new Map(),
    byLevel: new Map(),
    byIssuer: new Map(),
  };
  for (const entry of Object.values(view.credentials)) {
    if (entry.qualification) continue;
    const status = credentialStatusAt(entry.status, entry.validUntil, now);
    const available = status === 'active' ? entry.credits : 0;
    tally.issued += entry.credits;
    tally.available += available;
    if (status === 'transferred') {
      tally.transferred += entry.credits;
      const to = view.transfers[entry.transferId ?? '']?.toIssuerId ?? 'unknown';
      tally.byInstitution.set(to, (tally.byInstitution.get(to) ?? 0) + entry.credits);
    }
    if (status === 'revoked') tally.revoked += entry.credits;
    if (status === 'expired') tally.expired += entry.credits;
    if (status === 'stacked') tally.stacked += entry.credits;
    addTo(tally.byLevel, String(entry.level), entry.credits, available);
    addTo(tally.byIssuer, entry.issuerId, entry.credits, available);
  }
  return {
    learnerId: view.learnerId,
    issued: formatCredits(tally.issued),
    available: formatCredits(tally.available),
    transferred: { total: formatCredits(tally.transferred), byInstitution: formatMap(tally.byInstitution) },
    revoked: formatCredits(tally.revoked),
    expired: formatCredits(tally.expired),
    stacked: formatCredits(tally.stacked),
    byLevel: formatPairs(tally.byLevel),
    byIssuer: formatPairs(tally.byIssuer),
    asOfSeq,
  };
}

function addTo(map: Map<string, { issued: number; available: number }>, key: string, issued: number, available: number): void {
  const current = map.get(key) ?? { issued: 0, available: 0 };
  map.set(key, { issued: current.issued + issued, available: current.available + available });
}

function sortedKeys<V>(map: Map<string, V>): string[] {
  return [...map.keys()].sort();
}

function formatMap(map: Map<string, number>): Record<string, string> {
  return Object.fromEntries(sortedKeys(map).map((k) => [k, formatCredits(map.get(k) as number)]));
}

function formatPairs(map: Map<string, { issued: number; available: number }>): Record<string, IssuedAvailable> {
  return Object.fromEntries(
    sortedKeys(map).map((k) => {
      const v = map.get(k) as { issued: number; available: number };
      return [k, { issued: formatCredits(v.issued), available: formatCredits(v.available) }];
    }),
  );
}
