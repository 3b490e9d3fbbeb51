import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ClosePeriodDto, PeriodDto } from './period.dto';

export class AddCoverageDto extends PeriodDto {
  @ApiProperty({ example: '07210' })
  @Matches(/^\d{2,5}$/, { message: 'localityCode must be a locality code of 2 to 5 digits' })
  localityCode: string;
}

export class CloseCoverageDto extends ClosePeriodDto {}
