import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DATE } from './create-unit.dto';

export class AddCoverageDto {
  @ApiProperty({ example: '07210' })
  @Matches(/^\d{2,5}$/, { message: 'localityCode must be a locality code of 2 to 5 digits' })
  localityCode: string;

  @ApiProperty({ example: '2025-07-01' })
  @Matches(DATE, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo?: string;
}

export class CloseCoverageDto {
  @ApiProperty({ description: 'Last day in force (inclusive).' })
  @Matches(DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo: string;
}
