import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createCredentialDocument } from '@stackledger/domain';
import { LedgerFile, LedgerRow } from '@stackledger/event-store';
import { canonicalEventJsonWithData, canonicalJson, initMerkle, keccak256, keccak256Utf8 } from '@stackledger/merkle';

export interface LedgerShape {
  events: number;
  issuers: number;
  learners: number;
  /** One CredentialRevoked per this many credentials. */
  revokeEvery: number;
}

export const DEFAULT_SHAPE: LedgerShape = { events: 1_000_000, issuers: 400, learners: 200_000, revokeEvery: 1000 };

const TITLES = [
  'Foundations of Data Analytics',
  'Organic Chemistry I',
  'Constitutional Law',
  'Machine Learning with Python',
  'Financial Accounting',
  'Ancient Indian History',
  'Thermodynamics',
  'Academic Writing',
  'Microeconomics',
  'Cloud Computing Essentials',
];
const SKILLS = [
  'sql',
  'statistics',
  'python',
  'writing',
  'law',
  'accounting',
  'chemistry',
  'history',
  'physics',
  'cloud',
  'economics',
  'research',
];
const ASSESSMENTS = ['exam', 'project', 'portfolio', 'practical'];
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

/**
 * Writes a ledger of `shape.events` events straight into a SQLite file in the event store's schema
 * (the store itself creates the tables), with correct seqs, revisions and stored leaves: far faster
 * than going through HTTP, and what a year of a national ledger looks like. Issuers first, then
 * credentials for random learners in time order, with a revocation now and then.
 */
export async function generateLedger(file: string, shape: LedgerShape = DEFAULT_SHAPE): Promise<void> {
  await initMerkle();
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const ledger = LedgerFile.open(partial, { durable: false });
  let rows: LedgerRow[] = [];
  const revisions = new Map<string, number>();
  const issued: { learner: string; id: string; issuerId: string }[] = [];
  let seq = 0;
  const put = (stream: string, type: string, data: Record<string, unknown>, actor: string, at: string, apiKeyHash?: string): void => {
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    const id = randomUUID();
    seq++;
    // Stored as the store stores it: data as its canonical text, the leaf taken over it.
    const text = canonicalJson(data);
    const leaf = keccak256(keccak256Utf8(canonicalEventJsonWithData({ seq, id, stream, type, recordedAt: at }, text)));
    rows.push([seq, id, stream, revision, type, text, JSON.stringify(apiKeyHash ? { actor, apiKeyHash } : { actor }), at, leaf]);
  };
  const issuerIds = Array.from({ length: shape.issuers }, () => randomUUID());
  const chunk = (count: number) => {
    for (let i = 0; i < count && seq < shape.events; i++) {
      const at = new Date(T0 + seq * 30_000).toISOString();
      if (seq < shape.issuers) {
        const issuerId = issuerIds[seq];
        // As the API registers issuers: the key hash in metadata, never in the anchored data.
        const apiKeyHash = createHash('sha256').update(`bench-key-${seq}`).digest('hex');
        put(
          `issuer-${issuerId}`,
          'IssuerRegistered.v2',
          {
            issuerId,
            name: `Institution ${seq}`,
            country: 'IN',
            accreditationCode: `NAAC-${seq}`,
            contactEmail: `registrar${seq}@example.edu`,
            registeredAt: at,
          },
          'admin',
          at,
          apiKeyHash,
        );
      } else if (issued.length > 0 && issued.length % shape.revokeEvery === 0 && revisions.get(`revoked-${issued.length}`) === undefined) {
        revisions.set(`revoked-${issued.length}`, 1);
        const victim = issued[Math.floor(Math.random() * issued.length)];
        put(
          `learner-${victim.learner}`,
          'CredentialRevoked',
          { credentialId: victim.id, learnerId: victim.learner, issuerId: victim.issuerId, reason: 'issued in error', revokedAt: at },
          `issuer:${victim.issuerId}`,
          at,
        );
      } else {
        const learner = `APAAR-${String(1e11 + Math.floor(Math.random() * shape.learners))}`;
        const issuerId = issuerIds[Math.floor(Math.random() * issuerIds.length)];
        const credential = realisticCredential(learner, issuerId, at, seq);
        put(`learner-${learner}`, 'CredentialIssued', { credential } as unknown as Record<string, unknown>, `issuer:${issuerId}`, at);
        issued.push({ learner, id: credential.id, issuerId });
      }
    }
    ledger.loadRows(rows);
    rows = [];
  };
  while (seq < shape.events) chunk(50_000);
  ledger.close(); // the last connection to close checkpoints the WAL into the file and removes it
  renameSync(partial, file);
}

function realisticCredential(learnerId: string, issuerId: string, issuedAt: string, n: number) {
  const halfCredits = 1 + (n % 12); // 0.5 .. 6 credits, 15 hours per half credit (NCrF: 30 h a credit)
  return createCredentialDocument({
    id: randomUUID(),
    issuerId,
    salt: `0x${randomBytes(32).toString('hex')}`,
    issuedAt,
    input: {
      learnerId,
      title: TITLES[n % TITLES.length],
      skills: [SKILLS[n % SKILLS.length], SKILLS[(n * 7 + 3) % SKILLS.length]].filter((s, i, all) => all.indexOf(s) === i),
      credits: halfCredits * 50,
      hours: halfCredits * 15,
      level: 4 + (n % 5) * 0.5,
      assessment: ASSESSMENTS[n % ASSESSMENTS.length],
    } as never,
  });
}

/** Generates once per run: later benches reuse the file (read-only, or copied). */
export async function ledgerFile(file: string, shape: LedgerShape = DEFAULT_SHAPE): Promise<string> {
  if (!existsSync(file)) await generateLedger(file, shape);
  return file;
}
