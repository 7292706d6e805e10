import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_SCOPES, AccessScope, isActiveGrant } from '@stackledger/domain';
import { GrantEntry } from '@stackledger/projections';
import { objectBody, requiredString, stringArray, uuidParam } from '../../shared/request-fields';

export class ClaimCodeDto {
  @ApiProperty({ description: 'Single use, hand it to the learner out of band; only a hash of its secret is stored' }) code!: string;
  @ApiProperty({ description: '24 hours after it was issued' }) expiresAt!: string;
}

export class ClaimRequestDto {
  @ApiProperty({ description: 'The code an issuer handed to the learner' }) code!: string;
}

export class ClaimedDto {
  @ApiProperty() learnerId!: string;
  @ApiProperty({ description: 'The learner key (sl_lrn_…), returned once; only its hash is stored' }) apiKey!: string;
}

export class GrantRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The institution (a registered issuer) the learner grants access' }) institutionId!: string;
  @ApiProperty({ enum: ACCESS_SCOPES, isArray: true }) scopes!: AccessScope[];
  @ApiProperty({ example: '2027-06-30T00:00:00Z' }) expiresAt!: string;
}

export class GrantDto {
  @ApiProperty({ format: 'uuid' }) grantId!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ enum: ACCESS_SCOPES, isArray: true }) scopes!: AccessScope[];
  @ApiProperty() expiresAt!: string;
  @ApiProperty() grantedAt!: string;
  @ApiPropertyOptional() withdrawnAt?: string;
  @ApiProperty({ enum: ['active', 'expired', 'withdrawn'] }) status!: 'active' | 'expired' | 'withdrawn';
}

export class GrantsDto {
  @ApiProperty() learnerId!: string;
  @ApiProperty({ type: [GrantDto] }) grants!: GrantDto[];
}

export class AccessLogEntryDto {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'issuer:6f1c…', description: '`issuer:<id>`, `auditor` or `admin`' }) who!: string;
  @ApiProperty({ example: 'GET /v1/learners/{learnerId}/balance' }) what!: string;
  @ApiProperty({ enum: ['all', 'issued-by-caller'] }) scope!: string;
}

export class AccessLogDto {
  @ApiProperty() learnerId!: string;
  @ApiProperty({ type: [AccessLogEntryDto], description: 'Newest first' }) entries!: AccessLogEntryDto[];
}

export function parseClaim(body: unknown): ClaimRequestDto {
  return { code: requiredString(objectBody(body, ['code']), 'code') };
}

/** Shapes only; the scopes and the expiry are the domain's to judge. */
export function parseGrant(body: unknown): { institutionId: string; scopes: string[]; expiresAt: string } {
  const b = objectBody(body, ['institutionId', 'scopes', 'expiresAt']);
  return {
    institutionId: uuidParam(requiredString(b, 'institutionId'), 'institutionId'),
    scopes: stringArray(b, 'scopes', true),
    expiresAt: requiredString(b, 'expiresAt'),
  };
}

export function toGrantDto(grant: GrantEntry, now: Date): GrantDto {
  const status = grant.withdrawnAt !== undefined ? 'withdrawn' : isActiveGrant(grant, now) ? 'active' : 'expired';
  return { ...grant, status };
}
