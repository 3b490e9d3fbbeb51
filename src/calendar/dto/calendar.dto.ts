import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class WorkingDaysQueryDto {
  @ApiProperty({ format: 'date', example: '2026-12-04' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ minimum: 0, maximum: 3650, example: 2 })
  @Transform(toInt) @IsInt() @Min(0) @Max(3650)
  days: number;
}

export class CalendarExceptionDto {
  @ApiProperty({ enum: ['day_off', 'working_day'], example: 'working_day' })
  @IsIn(['day_off', 'working_day'])
  kind: 'day_off' | 'working_day';

  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Làm bù cho ngày nghỉ 2/1' })
  @IsString() @MinLength(3) @MaxLength(500)
  note: string;
}
