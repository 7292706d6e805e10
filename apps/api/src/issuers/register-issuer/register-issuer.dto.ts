import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { objectBody, optionalString, requiredString } from '../../shared/request-fields';

export class RegisterIssuerDto {
  @ApiProperty({ example: 'Open University of Kerala' }) name!: string;
  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiProperty({ example: 'UGC-2023-0042' }) accreditationCode!: string;
  @ApiProperty({ example: 'registrar@example.edu' }) contactEmail!: string;
  @ApiPropertyOptional({ example: 'example.edu', description: 'The internet domain the issuer answers for (a hostname)' }) domain?: string;
}

export class RegisteredIssuerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Returned once; only its hash is stored' }) apiKey!: string;
}

export function parseRegisterIssuer(body: unknown): RegisterIssuerDto {
  const b = objectBody(body, ['name', 'country', 'accreditationCode', 'contactEmail', 'domain']);
  const domain = optionalString(b, 'domain');
  return {
    name: requiredString(b, 'name'),
    country: requiredString(b, 'country'),
    accreditationCode: requiredString(b, 'accreditationCode'),
    contactEmail: requiredString(b, 'contactEmail'),
    ...(domain !== undefined && { domain }),
  };
}
