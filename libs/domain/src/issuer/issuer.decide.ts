import { unknownType } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { parseInstant } from '../shared/instant';
import { optionalText } from '../shared/validation';
import { IssuerCommand, RegisterIssuer, ReinstateIssuer, RotateIssuerApiKey, SuspendIssuer } from './issuer.commands';
import { IssuerApiKeyRotated, IssuerEvent, IssuerRegistered, IssuerReinstated, IssuerSuspended } from './issuer.events';
import { IssuerState } from './issuer.state';
import { validateRegistration } from './issuer.validate';
import { registerIssuerKey, retireIssuerKey, revokeIssuerKey } from './issuer-keys.decide';

export function decideIssuer(command: IssuerCommand, state: IssuerState): IssuerEvent[] {
  switch (command.type) {
    case 'RegisterIssuer':
      return [registerIssuer(command, state)];
    case 'SuspendIssuer':
      return [suspendIssuer(command, state)];
    case 'ReinstateIssuer':
      return [reinstateIssuer(command, state)];
    case 'RotateIssuerApiKey':
      return [rotateApiKey(command, state)];
    case 'RegisterIssuerKey':
      return [registerIssuerKey(command, state)];
    case 'RetireIssuerKey':
      return [retireIssuerKey(command, state)];
    case 'RevokeIssuerKey':
      return [revokeIssuerKey(command, state)];
    default:
      return unknownType('command', command);
  }
}

function registerIssuer({ data }: RegisterIssuer, state: IssuerState): IssuerRegistered {
  if (state.status !== 'unregistered') {
    throw new DomainError('ISSUER.ALREADY_REGISTERED', `issuer ${data.issuerId} is already registered`, 'issuerId');
  }
  return { type: 'IssuerRegistered.v2', data: validateRegistration(data) };
}

function suspendIssuer({ data }: SuspendIssuer, state: IssuerState): IssuerSuspended {
  if (state.status === 'unregistered') throw notFound(data.issuerId);
  if (state.status === 'suspended') {
    throw new DomainError('ISSUER.ALREADY_SUSPENDED', `issuer ${data.issuerId} is already suspended`, 'issuerId');
  }
  const reason = optionalText(data.reason, 'reason', 500);
  const suspendedAt = parseInstant(data.at, 'at');
  return { type: 'IssuerSuspended', data: { issuerId: state.issuerId, ...(reason && { reason }), suspendedAt } };
}

function reinstateIssuer({ data }: ReinstateIssuer, state: IssuerState): IssuerReinstated {
  if (state.status === 'unregistered') throw notFound(data.issuerId);
  if (state.status === 'active') {
    throw new DomainError('ISSUER.NOT_SUSPENDED', `issuer ${data.issuerId} is not suspended`, 'issuerId');
  }
  return { type: 'IssuerReinstated', data: { issuerId: state.issuerId, reinstatedAt: parseInstant(data.at, 'at') } };
}

/** A suspended issuer cannot replace its own key; the authority can (a leaked key is a reason to suspend). */
function rotateApiKey({ data }: RotateIssuerApiKey, state: IssuerState): IssuerApiKeyRotated {
  if (state.status === 'unregistered') throw notFound(data.issuerId);
  if (state.status === 'suspended' && data.by !== 'admin') {
    throw new DomainError('ISSUER.SUSPENDED', `issuer ${data.issuerId} is suspended: only the authority may replace its key`, 'issuerId');
  }
  return { type: 'IssuerApiKeyRotated', data: { issuerId: state.issuerId, rotatedAt: parseInstant(data.at, 'at') } };
}

function notFound(issuerId: string): DomainError {
  return new DomainError('ISSUER.NOT_FOUND', `issuer ${issuerId} is not registered`, 'issuerId');
}
