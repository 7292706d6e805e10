export type Principal =
  | { kind: 'admin' }
  | { kind: 'auditor' }
  | { kind: 'issuer'; issuerId: string; status: 'active' | 'suspended' }
  | { kind: 'learner'; learnerId: string };

export type Role = Principal['kind'];

/** The `actor` recorded in event metadata; idempotency keys are scoped by it. */
export function actorOf(principal: Principal): string {
  if (principal.kind === 'issuer') return `issuer:${principal.issuerId}`;
  if (principal.kind === 'learner') return `learner:${principal.learnerId}`;
  return principal.kind;
}
