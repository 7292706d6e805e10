import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PathwayView } from '@stackledger/projections';

export class PathwayDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) issuerId!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ example: '10' }) minCredits!: string;
  @ApiProperty({ example: 3 }) minCredentials!: number;
  @ApiProperty({ example: 4.5 }) minLevel!: number;
  @ApiProperty({ type: [String] }) requiredSkills!: string[];
  @ApiProperty({ type: [String] }) acceptedIssuers!: string[];
  @ApiPropertyOptional() maxCredentialAgeDays?: number;
  @ApiProperty({ description: 'When this version was defined' }) definedAt!: string;
  @ApiProperty({ description: 'When version 1 was defined' }) firstDefinedAt!: string;
  @ApiProperty() versions!: Array<{ version: number; definedAt: string }>;
}

export function toPathwayDto(view: PathwayView): PathwayDto {
  const { pathwayId, ...definition } = view.definition;
  return {
    id: pathwayId,
    ...definition,
    firstDefinedAt: view.firstDefinedAt,
    versions: view.versions.map(({ version, definedAt }) => ({ version, definedAt })),
  };
}
