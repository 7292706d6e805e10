import { ApiProperty } from '@nestjs/swagger';
import { DomainError } from '@stackledger/domain';
import { objectBody } from '../../shared/request-fields';
import { ApplicationError } from '../../errors/application-error';
import { IssueCredentialDto, IssueCredentialInput, parseIssueCredential } from '../issue-credential/issue-credential.dto';
import { isSignedBody, readSignedBody, SignedBodyParts, signatureJob, signedRequestFrom } from '../issue-credential/signed-credential';
import type { SignatureCheck, SignatureJobItem } from '../signature-checks/signature-check';
import { BatchItem } from './issue-credentials-batch.command';

/** Items per request: a batch is one transaction, so its size bounds the write lock's hold time. */
export const MAX_BATCH_ITEMS = 1_000;

export class IssueCredentialsBatchDto {
  @ApiProperty({ type: [IssueCredentialDto], minItems: 1, maxItems: MAX_BATCH_ITEMS }) items!: IssueCredentialDto[];
}

/** The signature checks of many signed bodies, in their order (SignatureChecks.check). */
export type CheckSignatures = (items: SignatureJobItem[]) => Promise<SignatureCheck[]>;

type ReadItem = { input: IssueCredentialInput } | { parts: SignedBodyParts };

/**
 * Validates every item as `POST /v1/credentials` does (an item is the unsigned fields or a signed
 * `{credential, openBadgeProof?}`); an error names the item: `items[17].credits`. The first item
 * in order that fails is the one reported. Shapes are read first; the signatures of the items
 * before the first misshapen one (only those can fail sooner) are then checked in one call, so a
 * pool of threads shares them out.
 */
export async function parseIssueCredentialsBatch(body: unknown, checkSignatures: CheckSignatures): Promise<BatchItem[]> {
  const { items } = objectBody(body, ['items']);
  if (!Array.isArray(items)) throw new DomainError('VALIDATION.TYPE', 'items must be an array of credentials', 'items');
  if (items.length < 1 || items.length > MAX_BATCH_ITEMS) {
    throw new DomainError('VALIDATION.LENGTH', `items must hold 1 to ${MAX_BATCH_ITEMS} credentials, got ${items.length}`, 'items');
  }
  const read: ReadItem[] = [];
  let misshapen: { error: unknown } | undefined;
  for (const [index, item] of items.entries()) {
    try {
      read.push(
        atItem(index, (): ReadItem => (isSignedBody(item) ? { parts: readSignedBody(item) } : { input: parseIssueCredential(item) })),
      );
    } catch (error) {
      misshapen = { error };
      break;
    }
  }
  const signed = read.flatMap((item) => ('parts' in item ? [signatureJob(item.parts)] : []));
  const checks = signed.length > 0 ? await checkSignatures(signed) : [];
  let next = 0;
  const parsed = read.map((item, index) =>
    atItem(index, (): BatchItem => {
      if (!('parts' in item)) return item;
      const request = signedRequestFrom(item.parts, checks[next++]);
      return { input: request.input, signed: request };
    }),
  );
  if (misshapen) throw misshapen.error;
  return parsed;
}

/** Runs `check` and re-labels its DomainError with the item's position. */
export function atItem<T>(index: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof DomainError) && !(error instanceof ApplicationError)) throw error;
    const inner = error.field === undefined || error.field === 'body' ? '' : `.${error.field}`;
    if (error instanceof ApplicationError)
      throw new ApplicationError(error.code, `items[${index}]: ${error.message}`, `items[${index}]${inner}`);
    throw new DomainError(error.code, `items[${index}]: ${error.message}`, `items[${index}]${inner}`);
  }
}
