/**
 * Builds the Merkle proof test vectors under libs/merkle/test-vectors/ (transparency-dev style:
 * one valid proof, then one file per fault, each with the verdict it MUST give). The vectors are
 * deterministic; the spec test fails if the committed files drift from what this builds.
 *
 *   npx ts-node -r tsconfig-paths/register scripts/merkle-vectors.ts   # (re)write the files
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalEventJson,
  checkInclusion,
  credentialKey,
  eventHash,
  eventLeaf,
  initMerkle,
  MerkleTree,
  type EventEnvelope,
} from '@stackledger/merkle';

export const VECTORS_DIR = join(__dirname, '..', 'libs', 'merkle', 'test-vectors');

const credential = {
  assessment: 'proctored-exam',
  creditBasis: 'ncrf',
  credits: '4.5',
  hours: 135,
  id: '6f1c2b0e-8d4a-4c1e-9b7f-2a3d5e6f7a8b',
  issuedAt: '2026-01-15T10:00:00.000Z',
  issuerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  learnerId: 'learner-0042',
  level: 4.5,
  salt: '0x3c9f1e6b2a7d4c8e0f5a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6',
  skills: ['sql', 'data cleaning'],
  title: 'Data Wrangling with SQL',
  validUntil: '2033-01-15T10:00:00.000Z',
};

/** Seven events (an odd count, so the last node is promoted unchanged); seq 3 issues the credential. */
function batchEvents(): EventEnvelope[] {
  const at = (s: number) => `2026-01-15T10:00:0${s}.000Z`;
  const id = (s: number) => `00000000-0000-4000-8000-00000000000${s}`;
  return [1, 2, 3, 4, 5, 6, 7].map((seq) =>
    seq === 3
      ? { seq, id: id(seq), stream: 'learner-learner-0042', type: 'CredentialIssued', data: { credential }, recordedAt: at(seq) }
      : {
          seq,
          id: id(seq),
          stream: `issuer-${seq}`,
          type: 'IssuerRegistered',
          data: { name: `Issuer ${seq}`, country: 'IN' },
          recordedAt: at(seq),
        },
  );
}

export interface ProofVector {
  name: string;
  description: string;
  input: { leaf: string; path: string[]; root: string };
  expected: { valid: true } | { valid: false; error: 'ROOT_MISMATCH' | 'MALFORMED_INPUT' };
  derivation?: Record<string, unknown>;
}

/** Requires `await initMerkle()` first. */
export function buildVectors(): ProofVector[] {
  const events = batchEvents();
  const leaves = events.map(eventLeaf);
  const tree = MerkleTree.fromLeaves(leaves);
  const index = 2;
  const leaf = leaves[index];
  const path = tree.proof(index);
  const root = tree.root;
  const mismatch = { valid: false, error: 'ROOT_MISMATCH' } as const;
  const flipLastByte = (hex: string) => hex.slice(0, -2) + (parseInt(hex.slice(-2), 16) ^ 1).toString(16).padStart(2, '0');

  return [
    {
      name: 'valid',
      description: 'Event seq 3 (CredentialIssued) in a 7-event batch [1,7]; rebuild every value from `derivation`.',
      input: { leaf, path, root },
      expected: { valid: true },
      derivation: {
        event: events[index],
        canonicalJson: canonicalEventJson(events[index]),
        eventHash: eventHash(events[index]),
        credentialKey: credentialKey(credential),
        batch: { fromSeq: 1, toSeq: 7, index: 0, leaves },
      },
    },
    {
      name: 'wrong-leaf',
      description: 'The leaf of event seq 4 presented with the path of seq 3.',
      input: { leaf: leaves[3], path, root },
      expected: mismatch,
    },
    {
      name: 'truncated-path',
      description: 'The last sibling of the path removed.',
      input: { leaf, path: path.slice(0, -1), root },
      expected: mismatch,
    },
    {
      name: 'extended-path',
      description: 'An extra sibling (a copy of the root) appended to the path.',
      input: { leaf, path: [...path, root], root },
      expected: mismatch,
    },
    {
      name: 'swapped-sibling',
      description: 'The first two siblings of the path exchanged (path order matters).',
      input: { leaf, path: [path[1], path[0], ...path.slice(2)], root },
      expected: mismatch,
    },
    {
      name: 'wrong-root',
      description: 'The root with its last bit flipped.',
      input: { leaf, path, root: flipLastByte(root) },
      expected: mismatch,
    },
    {
      name: 'malformed-sibling',
      description: 'A 31-byte sibling: MUST be refused before folding.',
      input: { leaf, path: [path[0].slice(0, -2), ...path.slice(1)], root },
      expected: { valid: false, error: 'MALFORMED_INPUT' },
    },
    {
      name: 'single-leaf',
      description: 'A one-event batch: the root is the leaf and the path is empty.',
      input: { leaf: leaves[0], path: [], root: MerkleTree.fromLeaves([leaves[0]]).root },
      expected: { valid: true },
    },
  ];
}

async function main(): Promise<void> {
  await initMerkle();
  mkdirSync(VECTORS_DIR, { recursive: true });
  for (const vector of buildVectors()) {
    const verdict = checkInclusion(vector.input);
    if (verdict.valid !== vector.expected.valid) throw new Error(`vector ${vector.name} does not give its expected verdict`);
    writeFileSync(join(VECTORS_DIR, `${vector.name}.json`), JSON.stringify(vector, null, 2) + '\n');
  }
  console.log(`wrote ${buildVectors().length} vectors to ${VECTORS_DIR}`);
}

if (require.main === module) void main();
