import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class WorkingDaysQueryDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @Transform(toInt) @IsInt() @Min(0) @Max(3650)
  days: number;
}

export class CalendarExceptionDto {
  @IsIn(['day_off', 'working_day'])
  kind: 'day_off' | 'working_day';

  @IsString() @MinLength(3) @MaxLength(500)
  note: string;
}
