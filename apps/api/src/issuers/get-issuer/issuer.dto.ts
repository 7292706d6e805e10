import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IssuerView } from '@stackledger/projections';
import { IssuerKeyDto } from '../issuer-keys/issuer-keys.dto';

export class IssuerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() country!: string;
  @ApiProperty() accreditationCode!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: 'active' | 'suspended';
  @ApiProperty() registeredAt!: string;
  @ApiPropertyOptional({ example: 'iitm.ac.in', description: 'The internet domain it answers for (DNS TXT _stackledger.<domain>)' })
  domain?: string;
  @ApiProperty({ type: [IssuerKeyDto], description: 'Signing keys in registration order, with their status' }) keys!: IssuerKeyDto[];
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
    ...(view.domain !== undefined && { domain: view.domain }),
    keys: (view.keys ?? []).map((key) => ({ ...key })),
  };
}
