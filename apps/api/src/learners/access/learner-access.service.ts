import { Inject, Injectable } from '@nestjs/common';
import { DomainError, issuerDecider, issuerStream, LearnerCommand, learnerDecider, LearnerEvent, learnerStream } from '@stackledger/domain';
import { hashApiKey, newApiKey, newSecret } from '../../auth/api-keys';
import { claimCodeOf } from '../../auth/learner-keys';
import { Principal } from '../../auth/principal';
import { ReadModelStore } from '../../projections/read-model.store';
import { READ_MODELS } from '../../projections/read-models.token';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService, WriteRequest } from '../../shared/command-runner/command.service';
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
    const issuer = await this.writes.state(issuerStream(principal.issuerId), issuerDecider);
    const codeId = this.writes.ids.uuid();
    const secret = newSecret();
    const command: LearnerCommand = {
      type: 'IssueClaimCode',
      data: { codeId, learnerId, issuer: { issuerId: principal.issuerId, status: issuer.status }, at },
    };
    const outcome = await this.run(learnerId, command, {
      principal,
      at,
      route: 'claim-code',
      body: { learnerId },
      apiKeyHash: hashApiKey(secret),
    });
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
    const institution = await this.writes.state(issuerStream(input.institutionId), issuerDecider);
    const command: LearnerCommand = {
      type: 'GrantAccess',
      data: {
        grantId: this.writes.ids.uuid(),
        learnerId,
        institution: { issuerId: input.institutionId, status: institution.status },
        scopes: input.scopes,
        expiresAt: input.expiresAt,
        at,
      },
    };
    const events = await this.run(learnerId, command, { principal, at, route: `grant:${learnerId}`, body: input, idempotencyKey });
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
}

function firstOf<T extends LearnerEvent['type']>(events: LearnerEvent[], type: T): Extract<LearnerEvent, { type: T }> {
  return events.find((e): e is Extract<LearnerEvent, { type: T }> => e.type === type)!;
}
