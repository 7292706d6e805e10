import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './package-imports';

/**
 * Readers of this repository see only this repository: a doc, a comment or an API description that
 * sends them to a numbered section of a document they cannot open tells them nothing. Rules are
 * written out where they apply, or pointed to in the project's own docs (VERIFYING.md, the README).
 */
const UNSEEN_DOCUMENT = /\bSPEC(?: section| §| \d|\.md|'s|-)/;

function sourcesAndDocs(): string[] {
  return ts.sys
    .readDirectory(
      ROOT,
      ['.ts', '.js', '.mjs', '.cjs', '.md', '.sol', '.as', '.json', '.yml', '.yaml', '.html'],
      ['node_modules', 'dist', 'artifacts', 'cache', 'coverage', 'typechain-types'],
      ['**/*'],
    )
    .map((file) => relative(ROOT, file))
    .filter((file) => file !== 'package-lock.json');
}

describe('the docs and comments stand alone', () => {
  it('name no section of an unpublished specification', () => {
    const files = sourcesAndDocs();
    expect(files).toEqual(expect.arrayContaining(['README.md', 'libs/verifier/VERIFYING.md', 'contracts/IStackLedgerAnchor.sol']));
    const references = files.flatMap((file) =>
      readFileSync(`${ROOT}/${file}`, 'utf8')
        .split('\n')
        .flatMap((line, i) => (UNSEEN_DOCUMENT.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(references).toEqual([]);
  });
});
