import { ApiProperty } from '@nestjs/swagger';

/** Response schemas of the calendar routes (documentation only: the service builds these shapes). */

class SkippedDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-05' }) date!: string;
  @ApiProperty({ enum: ['weekend', 'holiday', 'compensatory', 'exception'], example: 'weekend' }) reason!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) name!: string | null;
}

export class WorkingDaysDto {
  @ApiProperty({ format: 'date', example: '2026-12-04' }) from!: string;
  @ApiProperty({ example: 2 }) days!: number;
  @ApiProperty({ format: 'date', example: '2026-12-08' }) due!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ type: [SkippedDayDto] }) skipped!: SkippedDayDto[];
}

export class CalendarExceptionViewDto {
  @ApiProperty({ format: 'date', example: '2026-12-26' }) date!: string;
  @ApiProperty({ enum: ['day_off', 'working_day'], example: 'working_day' }) kind!: string;
  @ApiProperty({ example: 'Làm bù cho ngày nghỉ 2/1' }) note!: string;
}

export class CalendarExceptionPageDto {
  @ApiProperty({ type: [CalendarExceptionViewDto] }) items!: CalendarExceptionViewDto[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: null;
}

export class CalendarExceptionRemovedDto {
  @ApiProperty({ format: 'date', example: '2026-12-26' }) date!: string;
  @ApiProperty({ example: true }) removed!: boolean;
}
