export type ErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'unavailable';

/** Every stable error code and its kind; the HTTP layer maps kind to status in one place. */
export const ERROR_CATALOGUE = {
  'VALIDATION.REQUIRED': 'validation',
  'VALIDATION.TYPE': 'validation',
  'VALIDATION.FORMAT': 'validation',
  'VALIDATION.LENGTH': 'validation',
  'VALIDATION.RANGE': 'validation',
  'VALIDATION.ONE_OF': 'validation',
  'VALIDATION.DUPLICATE': 'validation',
  'VALIDATION.UNKNOWN_FIELD': 'validation',
  'CREDIT.INVALID': 'validation',
  'CREDIT.NEGATIVE': 'validation',
  'CREDIT.TOO_PRECISE': 'validation',
  'CREDIT.TOO_LARGE': 'validation',
  'LEVEL.INVALID': 'validation',
  'CREDENTIAL.CREDITS_HOURS_MISMATCH': 'validation',
  'CREDENTIAL.VALIDITY_NOT_AFTER_ISSUE': 'validation',
  'TRANSFER.EMPTY': 'validation',
  'TRANSFER.DUPLICATE_CREDENTIAL': 'validation',
  'PATHWAY.EMPTY_SELECTION': 'validation',
  'AUTH.MISSING_KEY': 'unauthorized',
  'AUTH.INVALID_KEY': 'unauthorized',
  'AUTH.FORBIDDEN': 'forbidden',
  'ISSUER.SUSPENDED': 'forbidden',
  'CREDENTIAL.NOT_ISSUER': 'forbidden',
  'PATHWAY.NOT_OWNER': 'forbidden',
  'ISSUER.NOT_FOUND': 'not-found',
  'CREDENTIAL.NOT_FOUND': 'not-found',
  'PATHWAY.NOT_FOUND': 'not-found',
  'ISSUER.ALREADY_REGISTERED': 'conflict',
  'ISSUER.ALREADY_SUSPENDED': 'conflict',
  'ISSUER.NOT_SUSPENDED': 'conflict',
  'CREDENTIAL.ALREADY_ISSUED': 'conflict',
  'CREDENTIAL.ALREADY_REVOKED': 'conflict',
  'CREDIT.ALREADY_TRANSFERRED': 'conflict',
  'CREDIT.REVOKED': 'conflict',
  'CREDIT.EXPIRED': 'conflict',
  'TRANSFER.SAME_INSTITUTION': 'conflict',
  'TRANSFER.ALREADY_RECORDED': 'conflict',
  'CREDIT.ALREADY_STACKED': 'conflict',
  'CREDIT.IS_QUALIFICATION': 'conflict',
  'PATHWAY.ALREADY_DEFINED': 'conflict',
  'PATHWAY.RULES_NOT_MET': 'conflict',
  'PATHWAY.ALREADY_AWARDED': 'conflict',
  'STREAM.CONCURRENCY_CONFLICT': 'conflict',
  'IDEMPOTENCY.KEY_REUSED': 'conflict',
  'PROJECTION.LAGGING': 'unavailable',
  'ANCHOR.NOT_FOUND': 'not-found',
  'CHAIN.NOT_CONFIGURED': 'unavailable',
  'CHAIN.UNAVAILABLE': 'unavailable',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class DomainError extends Error {
  readonly kind: ErrorKind;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = ERROR_CATALOGUE[code];
  }
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
