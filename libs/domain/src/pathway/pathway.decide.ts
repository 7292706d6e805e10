import { unknownType } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { parseInstant } from '../shared/instant';
import { requireId } from '../shared/validation';
import { requireActiveIssuer } from '../learner/learner.rules';
import { DefinePathway, PathwayCommand, RedefinePathway } from './pathway.commands';
import { PathwayDefined, PathwayDefinition, PathwayEvent } from './pathway.events';
import { PathwayState } from './pathway.state';
import { validatePathwayInput } from './pathway.validate';

export function decidePathway(command: PathwayCommand, state: PathwayState): PathwayEvent[] {
  switch (command.type) {
    case 'DefinePathway':
      return [definePathway(command, state)];
    case 'RedefinePathway':
      return redefinePathway(command, state);
    default:
      return unknownType('command', command);
  }
}

function definePathway({ data }: DefinePathway, state: PathwayState): PathwayDefined {
  if (state.status === 'defined') {
    throw new DomainError('PATHWAY.ALREADY_DEFINED', `pathway ${data.pathwayId} is already defined; redefine it instead`, 'id');
  }
  return defined(data, 1);
}

/** A new version only when a rule or text changes; the same definition again records nothing. */
function redefinePathway({ data }: RedefinePathway, state: PathwayState): PathwayDefined[] {
  const current = requireDefinedPathway(state, data.pathwayId);
  requireOwner(current, data.issuer.issuerId);
  const next = defined(data, current.version + 1);
  return sameRules(current, next.data) ? [] : [next];
}

function defined(data: DefinePathway['data'], version: number): PathwayDefined {
  const pathwayId = requireId(data.pathwayId, 'id');
  requireActiveIssuer(data.issuer, 'issuerId');
  const rules = validatePathwayInput(data.input, data.acceptedIssuers);
  const definedAt = parseInstant(data.at, 'at');
  return { type: 'PathwayDefined', data: { pathwayId, issuerId: data.issuer.issuerId, version, ...rules, definedAt } };
}

export function requireDefinedPathway(state: PathwayState, pathwayId: string): PathwayDefinition {
  if (state.status === 'undefined') throw new DomainError('PATHWAY.NOT_FOUND', `pathway ${pathwayId} is not defined`, 'id');
  return state.definition;
}

export function requireOwner(pathway: PathwayDefinition, issuerId: string): void {
  if (pathway.issuerId !== issuerId) {
    throw new DomainError(
      'PATHWAY.NOT_OWNER',
      `pathway ${pathway.pathwayId} belongs to issuer ${pathway.issuerId}; only it may change it or award under it`,
      'id',
    );
  }
}

function sameRules(a: PathwayDefinition, b: PathwayDefinition): boolean {
  const rules = ({ version: _v, definedAt: _d, ...rest }: PathwayDefinition) => JSON.stringify(rest, Object.keys(rest).sort());
  return rules(a) === rules(b);
}
