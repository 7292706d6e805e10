import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { parseCredits, PathwayInput } from '@stackledger/domain';
import { Body, creditsInput, objectBody, optionalString, requiredNumber, requiredString, stringArray } from '../../shared/request-fields';

export class DefinePathwayDto {
  @ApiProperty({ example: 'Diploma in Data Analytics' }) title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '10', description: 'At most 2 fraction digits' })
  minCredits!: string;
  @ApiProperty({ example: 3 }) minCredentials!: number;
  @ApiProperty({ example: 4.5, description: 'Minimum NCrF level of every component' }) minLevel!: number;
  @ApiPropertyOptional({ type: [String], example: ['python', 'sql'], description: 'Skills the components together must cover' })
  requiredSkills?: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Issuers whose credentials may count' }) acceptedIssuers!: string[];
  @ApiPropertyOptional({ example: 1825, description: 'A component counts only if issued at most this many days before the award' })
  maxCredentialAgeDays?: number;
}

const FIELDS = [
  'title',
  'description',
  'minCredits',
  'minCredentials',
  'minLevel',
  'requiredSkills',
  'acceptedIssuers',
  'maxCredentialAgeDays',
] as const;

export function parseDefinePathway(body: unknown): PathwayInput {
  const b = objectBody(body, FIELDS);
  const description = optionalString(b, 'description');
  const maxAge = optionalNumber(b, 'maxCredentialAgeDays');
  return {
    title: requiredString(b, 'title'),
    ...(description !== undefined && { description }),
    minCredits: parseCredits(creditsInput(b, 'minCredits'), 'minCredits'),
    minCredentials: requiredNumber(b, 'minCredentials'),
    minLevel: requiredNumber(b, 'minLevel'),
    requiredSkills: stringArray(b, 'requiredSkills', false),
    acceptedIssuers: stringArray(b, 'acceptedIssuers', true),
    ...(maxAge !== undefined && { maxCredentialAgeDays: maxAge }),
  };
}

function optionalNumber(b: Body, field: string): number | undefined {
  return b[field] === undefined || b[field] === null ? undefined : requiredNumber(b, field);
}
