import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDENTIAL_INPUT_FIELDS, CredentialInput, parseCredits } from '@stackledger/domain';
import { creditsInput, objectBody, optionalString, requiredNumber, requiredString, stringArray } from '../../shared/request-fields';

export class IssueCredentialDto {
  @ApiProperty({ example: 'ABC-123456789012' }) learnerId!: string;
  @ApiProperty({ example: 'Foundations of Data Analytics' }) title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: [String], example: ['sql', 'statistics'] }) skills!: string[];
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '4.5', description: 'At most 2 fraction digits' })
  credits!: string;
  @ApiProperty({ example: 135 }) hours!: number;
  @ApiProperty({ example: 4.5, description: 'NCrF level 1-8 in steps of 0.5' }) level!: number;
  @ApiPropertyOptional({ enum: ['ncrf', 'ects'], default: 'ncrf' }) creditBasis?: string;
  @ApiProperty({ example: 'exam' }) assessment!: string;
  @ApiPropertyOptional({ description: 'Default: issuedAt + 7 years' }) validUntil?: string;
  @ApiPropertyOptional() evidenceUrl?: string;
}

/** Typed by the HTTP layer; the domain checks every value rule. */
export type IssueCredentialInput = CredentialInput;

export function parseIssueCredential(body: unknown): IssueCredentialInput {
  const b = objectBody(body, CREDENTIAL_INPUT_FIELDS);
  const optional = (field: 'description' | 'creditBasis' | 'validUntil' | 'evidenceUrl') => {
    const value = optionalString(b, field);
    return value === undefined ? {} : { [field]: value };
  };
  return {
    learnerId: requiredString(b, 'learnerId'),
    title: requiredString(b, 'title'),
    ...optional('description'),
    skills: stringArray(b, 'skills', true),
    credits: parseCredits(creditsInput(b, 'credits'), 'credits'),
    hours: requiredNumber(b, 'hours'),
    level: requiredNumber(b, 'level'),
    ...optional('creditBasis'),
    assessment: requiredString(b, 'assessment'),
    ...optional('validUntil'),
    ...optional('evidenceUrl'),
  };
}
