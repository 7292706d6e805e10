import { ApiProperty } from '@nestjs/swagger';
import { DomainError } from '@stackledger/domain';
import { objectBody } from '../../shared/request-fields';
import { IssueCredentialDto, IssueCredentialInput, parseIssueCredential } from '../issue-credential/issue-credential.dto';

/** Items per request: a batch is one transaction, so its size bounds the write lock's hold time. */
export const MAX_BATCH_ITEMS = 1_000;

export class IssueCredentialsBatchDto {
  @ApiProperty({ type: [IssueCredentialDto], minItems: 1, maxItems: MAX_BATCH_ITEMS }) items!: IssueCredentialDto[];
}

/** Validates every item as `POST /v1/credentials` does; an error names the item: `items[17].credits`. */
export function parseIssueCredentialsBatch(body: unknown): IssueCredentialInput[] {
  const { items } = objectBody(body, ['items']);
  if (!Array.isArray(items)) throw new DomainError('VALIDATION.TYPE', 'items must be an array of credentials', 'items');
  if (items.length < 1 || items.length > MAX_BATCH_ITEMS) {
    throw new DomainError('VALIDATION.LENGTH', `items must hold 1 to ${MAX_BATCH_ITEMS} credentials, got ${items.length}`, 'items');
  }
  return items.map((item, index) => atItem(index, () => parseIssueCredential(item)));
}

/** Runs `check` and re-labels its DomainError with the item's position. */
export function atItem<T>(index: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const inner = error.field === undefined || error.field === 'body' ? '' : `.${error.field}`;
    throw new DomainError(error.code, `items[${index}]: ${error.message}`, `items[${index}]${inner}`);
  }
}
