import { Injectable } from '@nestjs/common';
import { IssuerKeyCommand, issuerDecider, issuerStream } from '@stackledger/domain';
import { nodeCryptoBackend, verifyKeyRegistration } from '@stackledger/data-integrity/node';
import { Principal } from '../../auth/principal';
import { ApplicationError } from '../../errors/application-error';
import { CommandService } from '../../shared/command-runner/command.service';
import { LedgerReads } from '../../shared/ledger-reads';
import { IssuerKeyDto, RegisterIssuerKeyDto } from './issuer-keys.dto';

/** How far a proof of possession's `created` may lie from this service's clock, either way. */
export const PROOF_OF_POSSESSION_WINDOW_MS = 5 * 60_000;

/**
 * Registers, retires and revokes an issuer's signing keys. The proof of possession is checked
 * here (node:crypto Ed25519) before the issuer decider sees the command: the domain holds no
 * cryptography. A revoked key's keyHash goes on chain with the next anchoring run's revocations.
 */
@Injectable()
export class IssuerKeysService {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async register(issuerId: string, input: RegisterIssuerKeyDto, principal: Principal): Promise<IssuerKeyDto> {
    const at = this.writes.now();
    const check = verifyKeyRegistration(nodeCryptoBackend, input.proofOfPossession, {
      issuerId,
      keyId: input.keyId,
      at: Date.parse(at),
      windowMs: PROOF_OF_POSSESSION_WINDOW_MS,
    });
    if (!check.ok) {
      throw new ApplicationError(
        'SIGNATURE.PROOF_OF_POSSESSION_INVALID',
        `proofOfPossession does not prove possession of ${input.keyId} for issuer ${issuerId} now (${check.reason}): ${check.message}`,
        'proofOfPossession',
      );
    }
    const command = {
      type: 'RegisterIssuerKey' as const,
      data: { issuerId, keyId: input.keyId, proofOfPossession: input.proofOfPossession, at },
    };
    return this.run(issuerId, input.keyId, command, principal, 'register-issuer-key', input);
  }

  retire(issuerId: string, keyId: string, principal: Principal): Promise<IssuerKeyDto> {
    const command = { type: 'RetireIssuerKey' as const, data: { issuerId, keyId, at: this.writes.now() } };
    return this.run(issuerId, keyId, command, principal, 'retire-issuer-key', { keyId });
  }

  revoke(issuerId: string, keyId: string, reason: string, principal: Principal): Promise<IssuerKeyDto> {
    const by = principal.kind === 'admin' ? ('admin' as const) : ('issuer' as const);
    const command = { type: 'RevokeIssuerKey' as const, data: { issuerId, keyId, reason, by, at: this.writes.now() } };
    return this.run(issuerId, keyId, command, principal, 'revoke-issuer-key', { keyId, reason });
  }

  private async run(
    issuerId: string,
    keyId: string,
    command: IssuerKeyCommand,
    principal: Principal,
    route: string,
    body: unknown,
  ): Promise<IssuerKeyDto> {
    await this.writes.execute(issuerStream(issuerId), issuerDecider, command, { principal, at: command.data.at, route, body });
    const key = this.reads.issuer(issuerId).keys?.find((k) => k.keyId === keyId);
    if (!key) throw new Error(`key ${keyId} of issuer ${issuerId} is not in the read model after its write`);
    return { ...key };
  }
}
