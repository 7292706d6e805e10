import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from './principal';

export const ROLES = 'stackledger:roles';

/** Which callers may use a route; routes without it are public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<{ principal?: Principal }>().principal,
);
