import {
  issuerDecider,
  IssuerSnapshot,
  issuerStream,
  MAX_ACCEPTED_ISSUERS,
  PathwayCommand,
  pathwayDecider,
  PathwayInput,
  pathwayStream,
} from '@stackledger/domain';
import { CommandService, WriteRequest } from '../../shared/command-runner/command.service';
import { issuerGuard } from '../../shared/issuer-guard';

/**
 * Defines or redefines a pathway. The accepted issuers are read from their streams first; the
 * defining issuer's status is the one the append holds to, so a suspension stored meanwhile makes
 * the write start over and be refused.
 */
export async function writePathway(
  writes: CommandService,
  type: PathwayCommand['type'],
  pathwayId: string,
  input: PathwayInput,
  request: WriteRequest & { principal: { kind: 'issuer'; issuerId: string } },
) {
  const { issuerId } = request.principal;
  const acceptedIssuers = await acceptedIssuerSnapshots(writes, input);
  return writes.executeGuardedOne(
    issuerGuard(issuerId),
    { stream: pathwayStream(pathwayId), decider: pathwayDecider },
    ({ status }) => ({ type, data: { pathwayId, issuer: { issuerId, status }, acceptedIssuers, input, at: request.at } }),
    request,
  );
}

/** Every issuer named in `input.acceptedIssuers`, read from its stream (strongly consistent). */
async function acceptedIssuerSnapshots(writes: CommandService, input: PathwayInput): Promise<IssuerSnapshot[]> {
  const named = Array.isArray(input.acceptedIssuers) ? [...new Set(input.acceptedIssuers)].slice(0, MAX_ACCEPTED_ISSUERS + 1) : [];
  return Promise.all(named.map(async (id) => ({ issuerId: id, status: (await writes.state(issuerStream(id), issuerDecider)).status })));
}
