import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { credentialStatusAt, CredentialStatus, CredentialView } from '@stackledger/projections';

export class CredentialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) issuerId!: string;
  @ApiProperty() learnerId!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty({ example: '4.5', description: 'Canonical decimal string' }) credits!: string;
  @ApiProperty({ example: 135 }) hours!: number;
  @ApiProperty({ example: 4.5 }) level!: number;
  @ApiProperty({ enum: ['ncrf', 'ects'] }) creditBasis!: string;
  @ApiProperty({ example: 'exam' }) assessment!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() validUntil!: string;
  @ApiPropertyOptional() evidenceUrl?: string;
  @ApiProperty({ description: '256-bit random salt, 0x-hex' }) salt!: string;
  @ApiProperty({ enum: ['active', 'transferred', 'stacked', 'revoked', 'expired'] }) status!: CredentialStatus;
  @ApiPropertyOptional() revocation?: { reason: string; revokedAt: string };
  @ApiPropertyOptional() transfer?: { transferId: string; toIssuerId: string; programme: string; transferredAt: string };
  @ApiPropertyOptional({ description: 'On a stacked component: the qualification that holds it' })
  stack?: { qualificationId: string; pathwayId: string; stackedAt: string };
  @ApiPropertyOptional({ description: 'On a qualification: the pathway it was awarded under' }) pathwayId?: string;
  @ApiPropertyOptional() pathwayVersion?: number;
  @ApiPropertyOptional({ type: [String], description: 'On a qualification: its stacked component credentials' }) components?: string[];
  @ApiPropertyOptional({ description: 'On a qualification: true once any component was revoked after the award' })
  componentRevoked?: boolean;
  @ApiPropertyOptional({ type: [String] }) revokedComponents?: string[];
}

/** The credential document exactly as issued, plus its status now. */
export function toCredentialDto(view: CredentialView, now: Date): CredentialDto {
  const dto: CredentialDto = {
    ...(view.credential as unknown as CredentialDto),
    status: credentialStatusAt(view.status, view.credential.validUntil, now),
  };
  // Optional keys one by one, in this order: conditional spreads take V8's slow generic path, and a
  // bulk answer builds 1,000 of these.
  if (view.revocation) dto.revocation = { reason: view.revocation.reason, revokedAt: view.revocation.revokedAt };
  if (view.transfer) dto.transfer = view.transfer;
  if (view.stack) dto.stack = view.stack;
  if (view.revokedComponents) {
    dto.componentRevoked = view.revokedComponents.length > 0;
    dto.revokedComponents = view.revokedComponents;
  }
  return dto;
}
