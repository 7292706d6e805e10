import { ApiProperty } from '@nestjs/swagger';

export class RotatedApiKeyDto {
  @ApiProperty({ description: 'The new key, returned once; only its hash is stored. The previous key no longer works.' }) apiKey!: string;
}
