import { issuerDecider, issuerStream, IssuerSnapshot, MAX_ACCEPTED_ISSUERS, PathwayInput } from '@stackledger/domain';
import { CommandService } from '../../shared/command-runner/command.service';

/** The defining issuer and every accepted issuer, read from their streams (strongly consistent). */
export async function pathwayIssuers(
  writes: CommandService,
  issuerId: string,
  input: PathwayInput,
): Promise<{ issuer: IssuerSnapshot; acceptedIssuers: IssuerSnapshot[] }> {
  const snapshot = async (id: string): Promise<IssuerSnapshot> => ({
    issuerId: id,
    status: (await writes.state(issuerStream(id), issuerDecider)).status,
  });
  const named = Array.isArray(input.acceptedIssuers) ? [...new Set(input.acceptedIssuers)].slice(0, MAX_ACCEPTED_ISSUERS + 1) : [];
  const [issuer, ...acceptedIssuers] = await Promise.all([issuerId, ...named].map(snapshot));
  return { issuer, acceptedIssuers };
}
