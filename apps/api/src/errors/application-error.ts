import type { ErrorKind } from '@stackledger/domain';

/** The domain's kinds, plus those only the service around it meets: callers, transport limits, its own parts being down. */
export type ApplicationErrorKind =
  ErrorKind | 'unauthorized' | 'too-large' | 'unsupported-media-type' | 'too-many-requests' | 'unavailable' | 'not-implemented';

/**
 * The stable codes the application raises around the domain: who is calling (`AUTH`; whether a
 * caller may see or move a learner's data is the learner's consent, `ACCESS.*` in the domain),
 * the request itself (`REQUEST`, `RATE`, `ROUTE`), and the parts the service runs on (`STREAM`,
 * `IDEMPOTENCY`, `PROJECTION`, `STORE`, `ANCHOR`, `CHAIN`), and the cryptography it does before the domain
 * decides (`SIGNATURE`: the domain holds no keys and checks no signatures). The domain's rules keep their codes in
 * libs/domain; no code, and no area before the dot, is in both.
 */
export const APPLICATION_ERROR_CATALOGUE = {
  'AUTH.MISSING_KEY': 'unauthorized',
  'AUTH.INVALID_KEY': 'unauthorized',
  'AUTH.FORBIDDEN': 'forbidden',
  'REQUEST.MALFORMED_JSON': 'validation',
  'REQUEST.UNREADABLE_BODY': 'validation',
  'REQUEST.TOO_LARGE': 'too-large',
  'REQUEST.UNSUPPORTED_ENCODING': 'unsupported-media-type',
  'RATE.LIMITED': 'too-many-requests',
  'ROUTE.NOT_FOUND': 'not-found',
  'STREAM.CONCURRENCY_CONFLICT': 'conflict',
  'STREAM.MULTI_STREAM_UNSUPPORTED': 'not-implemented',
  'IDEMPOTENCY.KEY_REUSED': 'conflict',
  'PROJECTION.LAGGING': 'unavailable',
  'STORE.UNAVAILABLE': 'unavailable',
  'ANCHOR.NOT_FOUND': 'not-found',
  'CHAIN.NOT_CONFIGURED': 'unavailable',
  'CHAIN.UNAVAILABLE': 'unavailable',
  'SIGNATURE.INVALID': 'validation',
  'SIGNATURE.PROOF_OF_POSSESSION_INVALID': 'validation',
  'SIGNATURE.UNAVAILABLE': 'unavailable',
} as const satisfies Record<string, ApplicationErrorKind>;

export type ApplicationErrorCode = keyof typeof APPLICATION_ERROR_CATALOGUE;

export class ApplicationError extends Error {
  readonly kind: ApplicationErrorKind;

  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApplicationError';
    this.kind = APPLICATION_ERROR_CATALOGUE[code];
  }
}

export function isApplicationError(error: unknown, code?: ApplicationErrorCode): error is ApplicationError {
  return error instanceof ApplicationError && (code === undefined || error.code === code);
}
