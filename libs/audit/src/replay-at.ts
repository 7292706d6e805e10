import {
  ALL_PROJECTIONS,
  credentialStatusAt,
  CredentialDocument,
  CredentialRecord,
  InMemoryDocuments,
  learnerBalance,
  LearnerBalance,
  LearnerView,
} from '@stackledger/projections';
import { LogSource } from './log-event';

export type ReplayPoint = { at: Date } | { atSeq: number };

export interface ReplayResult {
  /** The last event folded. */
  asOfSeq: number;
  /** The time statuses (expiry) are judged at. */
  asOf: string;
  balances: LearnerBalance[];
  credentials: { id: string; learnerId: string; issuerId: string; title: string; credits: string; status: string }[];
}

/**
 * Rebuilds the read models from the log as they stood at a time or a seq. Events are folded in
 * seq order up to the point; a later event ends the fold (the log is append-only, so nothing after
 * it can belong to the past).
 */
export async function replayAt(source: LogSource, point: ReplayPoint): Promise<ReplayResult> {
  const documents = new InMemoryDocuments(ALL_PROJECTIONS);
  // The credential read model keeps the issuing seq, not the document: the documents are kept here.
  const issued = new Map<number, CredentialDocument>();
  let lastRecordedAt: string | undefined;
  outer: for await (const page of source) {
    for (const event of page) {
      if ('atSeq' in point ? event.seq > point.atSeq : Date.parse(event.recordedAt) > point.at.getTime()) break outer;
      documents.apply(event);
      const { credential } = event.data as { credential?: CredentialDocument };
      if (credential !== undefined) issued.set(event.seq, credential);
      lastRecordedAt = event.recordedAt;
    }
  }
  const asOf = 'at' in point ? point.at : new Date(lastRecordedAt ?? 0);
  return { asOfSeq: documents.lastSeq, asOf: asOf.toISOString(), ...readModelsAt(documents, issued, asOf) };
}

function readModelsAt(
  documents: InMemoryDocuments,
  issued: Map<number, CredentialDocument>,
  now: Date,
): Pick<ReplayResult, 'balances' | 'credentials'> {
  const byKey = <T>(entries: [string, unknown][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v as T);
  const balances = byKey<LearnerView>(documents.entries('learner')).map((view) => learnerBalance(view, now, documents.lastSeq));
  const credentials = byKey<CredentialRecord>(documents.entries('credential')).map((record) => {
    const credential = issued.get(record.issuedSeq)!;
    return {
      id: credential.id,
      learnerId: credential.learnerId,
      issuerId: credential.issuerId,
      title: String(credential.title),
      credits: String(credential.credits),
      status: credentialStatusAt(record.status, credential.validUntil, now),
    };
  });
  return { balances, credentials };
}
