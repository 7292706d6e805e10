import { ApiProperty } from '@nestjs/swagger';
import { DomainError } from '@stackledger/domain';
import { objectBody } from '../../shared/request-fields';
import { ApplicationError } from '../../errors/application-error';
import { IssueCredentialDto, parseIssueCredential } from '../issue-credential/issue-credential.dto';
import { isSignedBody, parseSignedCredential } from '../issue-credential/signed-credential';
import { BatchItem } from './issue-credentials-batch.command';

/** Items per request: a batch is one transaction, so its size bounds the write lock's hold time. */
export const MAX_BATCH_ITEMS = 1_000;

export class IssueCredentialsBatchDto {
  @ApiProperty({ type: [IssueCredentialDto], minItems: 1, maxItems: MAX_BATCH_ITEMS }) items!: IssueCredentialDto[];
}

/**
 * Validates every item as `POST /v1/credentials` does (an item is the unsigned fields or a signed
 * `{credential, openBadgeProof?}`); an error names the item: `items[17].credits`.
 */
export function parseIssueCredentialsBatch(body: unknown): BatchItem[] {
  const { items } = objectBody(body, ['items']);
  if (!Array.isArray(items)) throw new DomainError('VALIDATION.TYPE', 'items must be an array of credentials', 'items');
  if (items.length < 1 || items.length > MAX_BATCH_ITEMS) {
    throw new DomainError('VALIDATION.LENGTH', `items must hold 1 to ${MAX_BATCH_ITEMS} credentials, got ${items.length}`, 'items');
  }
  return items.map((item, index) =>
    atItem(index, () => {
      if (!isSignedBody(item)) return { input: parseIssueCredential(item) };
      const signed = parseSignedCredential(item);
      return { input: signed.input, signed };
    }),
  );
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
