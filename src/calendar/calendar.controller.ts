import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { CalendarExceptionPageDto, CalendarExceptionRemovedDto, CalendarExceptionViewDto, WorkingDaysDto } from './dto/calendar-responses.dto';
import { Roles, ROLES } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { CalendarService } from './calendar.service';
import { CalendarExceptionDto, WorkingDaysQueryDto } from './dto/calendar.dto';

/** Working days in Vietnam (Asia/Ho_Chi_Minh): the due date of "n working days from" and the days skipped. */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar/working-days')
  @Roles(...ROLES)
  @ApiOkResponse({ type: WorkingDaysDto })
  @ApiErrors(400)
  workingDays(@Query() q: WorkingDaysQueryDto) {
    return this.calendar.workingDays(q.from, q.days);
  }

  @Get('admin/calendar/exceptions')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarExceptionPageDto })
  list() {
    return this.calendar.listExceptions();
  }

  /** Sets the exception of a day (a compensatory day off, or a Saturday worked instead). */
  @Put('admin/calendar/exceptions/:date')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarExceptionViewDto })
  @ApiErrors(400)
  set(@Ctx() ctx: RequestContext, @Param('date') date: string, @Body() b: CalendarExceptionDto) {
    return this.calendar.setException(ctx, date, b.kind, b.note);
  }

  @Delete('admin/calendar/exceptions/:date')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarExceptionRemovedDto })
  @ApiErrors(400, 404)
  remove(@Ctx() ctx: RequestContext, @Param('date') date: string) {
    return this.calendar.removeException(ctx, date);
  }
}
