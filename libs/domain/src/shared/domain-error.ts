/** What kind of failure a domain error is; the HTTP layer maps each kind to one status. */
export type ErrorKind = 'validation' | 'forbidden' | 'not-found' | 'conflict';

/**
 * The stable codes the domain's deciders and validators throw, with their kind. Codes about the
 * caller, the request, the store, the read models or the chain belong to the application, which
 * keeps a catalogue of its own; no code is in both.
 */
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
  'GRANT.EXPIRY_NOT_AFTER_GRANT': 'validation',
  'ISSUER.SUSPENDED': 'forbidden',
  'CREDENTIAL.NOT_ISSUER': 'forbidden',
  'PATHWAY.NOT_OWNER': 'forbidden',
  'ACCESS.NO_GRANT': 'forbidden',
  'ACCESS.GRANT_EXPIRED': 'forbidden',
  'CLAIM.NOT_ISSUER': 'forbidden',
  'CLAIM.INVALID_CODE': 'forbidden',
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
  'BATCH.CLAIMED': 'conflict',
  'BATCH.NOT_NEXT': 'conflict',
  'BATCH.NOT_ORPHANED_RANGE': 'conflict',
  'REVOCATION.NOT_NEXT': 'conflict',
  'REVOCATION.PUSH_NOT_FOUND': 'not-found',
  'CLAIM.CODE_USED': 'conflict',
  'CLAIM.CODE_EXPIRED': 'conflict',
  'LEARNER.ALREADY_CLAIMED': 'conflict',
  'LEARNER.NOT_CLAIMED': 'conflict',
  'GRANT.NOT_FOUND': 'not-found',
  'GRANT.ALREADY_WITHDRAWN': 'conflict',
  'KEY.NOT_REGISTERED': 'validation',
  'KEY.RETIRED': 'conflict',
  'KEY.REVOKED': 'conflict',
  'KEY.ALREADY_REGISTERED': 'conflict',
  'CREDENTIAL.SIGNATURE_REQUIRED': 'validation',
  'CREDENTIAL.ISSUED_AT_OUT_OF_WINDOW': 'validation',
  'CREDENTIAL.NOT_CANONICAL': 'validation',
  'CREDENTIAL.ISSUER_PROFILE_MISMATCH': 'validation',
  'KEY.OTHER_ISSUER': 'forbidden',
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
