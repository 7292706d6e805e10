import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { objectBody, requiredString, stringArray, uuidParam } from '../../shared/request-fields';
import { learnerIdParam } from '../../learners/learner-id.param';

export class AwardQualificationDto {
  @ApiProperty({ example: 'APAAR-100200300400' }) learnerId!: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The components to stack; when left out, the ledger takes eligible credentials in issuance order until every rule holds',
  })
  credentialIds?: string[];
}

export function parseAwardQualification(body: unknown): AwardQualificationDto {
  const b = objectBody(body, ['learnerId', 'credentialIds']);
  const learnerId = learnerIdParam(requiredString(b, 'learnerId'));
  if (b.credentialIds === undefined) return { learnerId };
  const credentialIds = stringArray(b, 'credentialIds', true).map((id, i) => uuidParam(id, `credentialIds[${i}]`));
  return { learnerId, credentialIds };
}
