import { IssuerCommand, issuerDecider, IssuerEvent, IssuerState, issuerStream } from '@stackledger/domain';
import type { Guard } from './command-runner/stream-command';

/**
 * An issuer's stream as the guard of a write decided by that issuer's status or keys: a suspension
 * or key revocation stored while the write is in flight makes it start over and be decided again,
 * so nothing the issuer may no longer do lands after the event that stopped it.
 */
export function issuerGuard(issuerId: string): Guard<IssuerCommand, IssuerEvent, IssuerState> {
  return { stream: issuerStream(issuerId), decider: issuerDecider };
}
