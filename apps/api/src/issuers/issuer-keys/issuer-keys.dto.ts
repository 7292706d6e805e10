import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError } from '@stackledger/domain';
import { objectBody, requiredString } from '../../shared/request-fields';

export class RegisterIssuerKeyDto {
  @ApiProperty({ example: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', description: 'The bare did:key of the Ed25519 key' })
  keyId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      '{"type":"StackLedgerKeyRegistration","issuerId","keyId","created","proof"}: signed (eddsa-jcs-2022) by the key itself, created within 5 minutes of the server clock',
  })
  proofOfPossession!: Record<string, unknown>;
}

export class RevokeIssuerKeyDto {
  @ApiProperty({ example: 'the laptop holding the key was stolen' }) reason!: string;
}

export class IssuerKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['live', 'retired', 'revoked'] }) status!: 'live' | 'retired' | 'revoked';
  @ApiProperty() registeredAt!: string;
  @ApiPropertyOptional() retiredAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
}

export function parseRegisterIssuerKey(body: unknown): RegisterIssuerKeyDto {
  const b = objectBody(body, ['keyId', 'proofOfPossession']);
  const keyId = requiredString(b, 'keyId');
  const pop = b.proofOfPossession;
  if (pop === undefined || pop === null) throw new DomainError('VALIDATION.REQUIRED', 'proofOfPossession is required', 'proofOfPossession');
  if (typeof pop !== 'object' || Array.isArray(pop)) {
    throw new DomainError('VALIDATION.TYPE', 'proofOfPossession must be a JSON object', 'proofOfPossession');
  }
  return { keyId, proofOfPossession: pop as Record<string, unknown> };
}

export function parseRevokeIssuerKey(body: unknown): RevokeIssuerKeyDto {
  return { reason: requiredString(objectBody(body ?? {}, ['reason']), 'reason') };
}
