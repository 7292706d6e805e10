export type Principal = { kind: 'admin' } | { kind: 'auditor' } | { kind: 'issuer'; issuerId: string; status: 'active' | 'suspended' };

export type Role = Principal['kind'];

/** The `actor` recorded in event metadata; idempotency keys are scoped by it. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'issuer' ? `issuer:${principal.issuerId}` : principal.kind;
}
