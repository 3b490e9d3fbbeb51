import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { CalendarService } from './calendar.service';
import { CalendarExceptionDto, WorkingDaysQueryDto } from './dto/calendar.dto';

/** Working days in Vietnam (Asia/Ho_Chi_Minh): the due date of "n working days from" and the days skipped. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar/working-days')
  @Roles(...ROLES)
  workingDays(@Query() q: WorkingDaysQueryDto) {
    return this.calendar.workingDays(q.from, q.days);
  }

  @Get('admin/calendar/exceptions')
  @Roles('admin')
  list() {
    return this.calendar.listExceptions();
  }

  /** Sets the exception of a day (a compensatory day off, or a Saturday worked instead). */
  @Put('admin/calendar/exceptions/:date')
  @Roles('admin')
  set(@Ctx() ctx: RequestContext, @Param('date') date: string, @Body() b: CalendarExceptionDto) {
    return this.calendar.setException(ctx, date, b.kind, b.note);
  }

  @Delete('admin/calendar/exceptions/:date')
  @Roles('admin')
  remove(@Ctx() ctx: RequestContext, @Param('date') date: string) {
    return this.calendar.removeException(ctx, date);
  }
}
