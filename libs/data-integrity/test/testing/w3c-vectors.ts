import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The W3C eddsa-jcs-2022 vector files (test-vectors/README.md), read as they are. */
const DIR = join(__dirname, '..', '..', 'test-vectors');
const text = (file: string) => readFileSync(join(DIR, file), 'utf8').trim();
const json = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;

export const w3c = {
  keyPair: json('keyPair.json') as { publicKeyMultibase: string; privateKeyMultibase: string },
  unsigned: json('unsigned.json'),
  proofConfig: json('proofConfigJCS.json'),
  signed: json('signedJCS.json'),
  canonicalDocument: text('canonDocJCS.txt'),
  documentHashHex: text('docHashJCS.txt'),
  canonicalProofConfig: text('proofCanonJCS.txt'),
  proofConfigHashHex: text('proofHashJCS.txt'),
  hashDataHex: text('combinedHashJCS.txt'),
  signatureHex: text('sigHexJCS.txt'),
  proofValue: text('sigBTC58JCS.txt'),
};
