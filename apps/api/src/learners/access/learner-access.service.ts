import { Inject, Injectable } from '@nestjs/common';
import { DomainError, IssuerSnapshot, LearnerCommand, learnerDecider, LearnerEvent, learnerStream } from '@stackledger/domain';
import { hashApiKey, newApiKey, newSecret } from '../../auth/api-keys';
import { claimCodeOf } from '../../auth/learner-keys';
import { Principal } from '../../auth/principal';
import { ReadModelStore } from '../../projections/read-model.store';
import { READ_MODELS } from '../../projections/read-models.token';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService, WriteRequest } from '../../shared/command-runner/command.service';
import { issuerGuard } from '../../shared/issuer-guard';
import { ClaimCodeDto, ClaimedDto, GrantDto, parseGrant, toGrantDto } from './learner-access.dto';

/**
 * The learner's account and consent, each a command on the learner stream through the one write
 * path. Secrets (the claim code's, the learner key) are made here and only their hashes leave,
 * in the events' metadata.
 */
@Injectable()
export class LearnerAccessService {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  async issueClaimCode(learnerId: string, principal: Principal & { kind: 'issuer' }): Promise<ClaimCodeDto> {
    const at = this.writes.now();
    const codeId = this.writes.ids.uuid();
    const secret = newSecret();
    const outcome = await this.runGuarded(
      principal.issuerId,
      learnerId,
      (issuer) => ({ type: 'IssueClaimCode', data: { codeId, learnerId, issuer, at } }),
      { principal, at, route: 'claim-code', body: { learnerId }, apiKeyHash: hashApiKey(secret) },
    );
    return { code: `${codeId}.${secret}`, expiresAt: firstOf(outcome, 'ClaimCodeIssued').data.expiresAt };
  }

  async claim(code: string): Promise<ClaimedDto> {
    const found = claimCodeOf(this.readModels, code);
    if (!found) throw new DomainError('CLAIM.INVALID_CODE', 'the claim code is not recognised', 'code');
    const at = this.writes.now();
    const apiKey = newApiKey('sl_lrn');
    const { learnerId, codeId } = found;
    const principal: Principal = { kind: 'learner', learnerId };
    await this.run(
      learnerId,
      { type: 'ClaimLearner', data: { codeId, learnerId, at } },
      { principal, at, route: 'claim', body: {}, apiKeyHash: hashApiKey(apiKey) },
    );
    return { learnerId, apiKey };
  }

  async rotateKey(learnerId: string, principal: Principal): Promise<{ apiKey: string }> {
    const at = this.writes.now();
    const apiKey = newApiKey('sl_lrn');
    await this.run(
      learnerId,
      { type: 'RotateLearnerKey', data: { learnerId, at } },
      { principal, at, route: 'learner-key', body: {}, apiKeyHash: hashApiKey(apiKey) },
    );
    return { apiKey };
  }

  async grant(learnerId: string, body: unknown, principal: Principal, idempotencyKey?: string): Promise<GrantDto> {
    const input = parseGrant(body);
    const at = this.writes.now();
    const grantId = this.writes.ids.uuid();
    const events = await this.runGuarded(
      input.institutionId,
      learnerId,
      (institution) => ({
        type: 'GrantAccess',
        data: { grantId, learnerId, institution, scopes: input.scopes, expiresAt: input.expiresAt, at },
      }),
      { principal, at, route: `grant:${learnerId}`, body: input, idempotencyKey },
    );
    return toGrantDto(firstOf(events, 'AccessGranted').data, new Date(at));
  }

  async withdraw(learnerId: string, grantId: string, principal: Principal): Promise<GrantDto> {
    const at = this.writes.now();
    await this.run(
      learnerId,
      { type: 'WithdrawAccess', data: { grantId, learnerId, at } },
      { principal, at, route: 'withdraw', body: { grantId } },
    );
    const grant = this.reads.grants(learnerId).grants.find((g) => g.grantId === grantId)!;
    return toGrantDto(grant, new Date(at));
  }

  private async run(learnerId: string, command: LearnerCommand, request: WriteRequest) {
    return (await this.writes.execute(learnerStream(learnerId), learnerDecider, command, request)).domainEvents;
  }

  /** `run` for a command decided by an issuer's status as its stream has it at the append. */
  private async runGuarded(
    issuerId: string,
    learnerId: string,
    commandFor: (issuer: IssuerSnapshot) => LearnerCommand,
    request: WriteRequest,
  ) {
    const target = { stream: learnerStream(learnerId), decider: learnerDecider };
    const outcome = await this.writes.executeGuardedOne(
      issuerGuard(issuerId),
      target,
      ({ status }) => commandFor({ issuerId, status }),
      request,
    );
    return outcome.domainEvents;
  }
}

function firstOf<T extends LearnerEvent['type']>(events: LearnerEvent[], type: T): Extract<LearnerEvent, { type: T }> {
  return events.find((e): e is Extract<LearnerEvent, { type: T }> => e.type === type)!;
}
