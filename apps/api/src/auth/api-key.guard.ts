import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@stackledger/domain';
import { ApplicationError } from '../errors/application-error';
import { ReadModelStore } from '../projections/read-model.store';
import { READ_MODELS } from '../projections/read-models.token';
import { CLOCK, Clock } from '../shared/clock';
import { learnerIdParam } from '../learners/learner-id.param';
import { ACCESS_LOG, AccessLog } from './access-log';
import { AccessPolicy, LearnerReadScope } from './access-policy';
import { hashApiKey, sameKey } from './api-keys';
import { issuerOfKeyHash } from './issuer-keys';
import { LEARNER_ACCESS, LearnerAccess } from './learner-access.decorator';
import { learnerOfKeyHash } from './learner-keys';
import { actorOf, Principal, Role } from './principal';
import { ROLES } from './roles.decorator';

interface GuardedRequest {
  method: string;
  headers: Record<string, string | undefined>;
  params?: Record<string, string>;
  route?: { path?: string };
  principal?: Principal;
  learnerScope?: LearnerReadScope;
}

export interface ServiceKeys {
  admin: string;
  auditor?: string;
}

export const SERVICE_KEYS = Symbol('SERVICE_KEYS');

/**
 * Who may call each route, for every route in one place (the app's only guard): public routes are
 * open; the others need a recognised key of one of the route's roles (`@Roles`), and a route about
 * one learner (`@ForLearner`) asks the access policy whether this caller may see it. A suspended issuer
 * may call none of them: each writes, or reads learners' data, and a suspended issuer may do
 * neither (its credentials are then revoked by the authority only). It still sees what is public.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_KEYS) private readonly keys: ServiceKeys,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
    private readonly policy: AccessPolicy,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const key = bearerKey(request.headers.authorization);
    if (!roles) {
      if (key) request.principal = this.identify(key);
      return true;
    }
    if (!key) throw new ApplicationError('AUTH.MISSING_KEY', 'an API key is required: Authorization: Bearer <key>', 'Authorization');
    const principal = this.identify(key);
    if (!principal) throw new ApplicationError('AUTH.INVALID_KEY', 'the API key is not recognised', 'Authorization');
    if (!roles.includes(principal.kind)) {
      throw new ApplicationError('AUTH.FORBIDDEN', `this route needs one of: ${roles.join(', ')}`, 'Authorization');
    }
    if (principal.kind === 'issuer' && principal.status === 'suspended') {
      throw new DomainError(
        'ISSUER.SUSPENDED',
        `issuer ${principal.issuerId} is suspended: it can neither act nor read learners' data until reinstated`,
        'Authorization',
      );
    }
    request.principal = principal;
    const access = this.reflector.getAllAndOverride<LearnerAccess | undefined>(LEARNER_ACCESS, [context.getHandler(), context.getClass()]);
    if (access) this.checkLearnerAccess(request, principal, access);
    return true;
  }

  /** The access policy for a route about one learner; a read by anyone but the learner is kept in its access log. */
  private checkLearnerAccess(request: GuardedRequest, principal: Principal, access: LearnerAccess): void {
    const learnerId = learnerIdParam(request.params?.learnerId ?? '');
    const scope = this.policy.check(principal, access, learnerId);
    request.learnerScope = scope;
    if (principal.kind !== 'learner' && request.method === 'GET') {
      this.accessLog.record(learnerId, {
        at: this.clock.now().toISOString(),
        who: actorOf(principal),
        what: `GET ${(request.route?.path ?? '').replace(':learnerId', '{learnerId}')}`,
        scope: scope.all ? 'all' : 'issued-by-caller',
      });
    }
  }

  private identify(key: string): Principal | undefined {
    if (sameKey(key, this.keys.admin)) return { kind: 'admin' };
    if (this.keys.auditor && sameKey(key, this.keys.auditor)) return { kind: 'auditor' };
    const hash = hashApiKey(key);
    const issuer = issuerOfKeyHash(this.readModels, hash);
    if (issuer) return { kind: 'issuer', issuerId: issuer.issuerId, status: issuer.status };
    const learnerId = learnerOfKeyHash(this.readModels, hash);
    return learnerId === undefined ? undefined : { kind: 'learner', learnerId };
  }
}

function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
