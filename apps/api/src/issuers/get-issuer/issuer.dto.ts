import { ApiProperty } from '@nestjs/swagger';
import { IssuerView } from '@stackledger/projections';

export class IssuerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() country!: string;
  @ApiProperty() accreditationCode!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: 'active' | 'suspended';
  @ApiProperty() registeredAt!: string;
}

/** Everything public about an issuer; the key hash stays inside. */
export function toIssuerDto(view: IssuerView): IssuerDto {
  return {
    id: view.issuerId,
    name: view.name,
    country: view.country,
    accreditationCode: view.accreditationCode,
    contactEmail: view.contactEmail,
    status: view.status,
    registeredAt: view.registeredAt,
  };
}
