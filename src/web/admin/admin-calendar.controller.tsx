import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { CalendarExceptionDto } from '../../calendar/dto/calendar.dto';
import { CalendarService } from '../../calendar/calendar.service';
import { NotFound } from '../../common/errors/domain-error';
import { httpStatusFor } from '../../common/errors/error-codes';
import { Ctx, RequestContext } from '../../common/request-context';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { queryText } from './admin-http';
import { CalendarPage, EXCEPTION_FIELDS, ExceptionRemovePage } from './calendar-pages';
import { checkWith, formProblems, FormBody, FormProblem, isFormError, refill, text } from './form-input';

/** Calendar exceptions (admins, as the API): listed, set and removed through CalendarService, audited alike. */
@ApiExcludeController()
@Roles('admin')
@Controller('console/admin/calendar')
export class AdminCalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const { items } = await this.calendar.listExceptions();
    return sendPage(reply, <CalendarPage ctx={ctx} exceptions={items} done={queryText(done)} />);
  }

  /** Sets a day's exception (a new one, or another kind/note for a day that has one). */
  @Post()
  async set(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const input = { date: text(body, 'date'), kind: text(body, 'kind'), note: text(body, 'note') };
    const again = async (problems: FormProblem[], status: number) => {
      const { items } = await this.calendar.listExceptions();
      return sendPage(reply, <CalendarPage ctx={ctx} exceptions={items} values={refill(body, EXCEPTION_FIELDS)} problems={problems} />, status);
    };
    const invalid = await checkWith(CalendarExceptionDto, { kind: input.kind, note: input.note });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) invalid.unshift({ field: 'date', reason: 'isDate', message: 'date must be a date YYYY-MM-DD' });
    if (invalid.length) return again(formProblems(invalid, ctx.lang, EXCEPTION_FIELDS), 400);
    try {
      await this.calendar.setException(rc, input.date, input.kind as CalendarExceptionDto['kind'], input.note);
      return redirect(reply, '/console/admin/calendar?done=exception_set');
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, EXCEPTION_FIELDS), httpStatusFor(e.code));
    }
  }

  @Get(':date/remove')
  async confirmRemove(@ConsoleContext() ctx: ConsoleCtx, @Param('date') date: string, @Res() reply: FastifyReply) {
    const exception = (await this.calendar.listExceptions()).items.find((e) => e.date === date);
    if (!exception) throw new NotFound('Calendar exception');
    return sendPage(reply, <ExceptionRemovePage ctx={ctx} exception={exception} />);
  }

  @Post(':date/remove')
  async remove(@Ctx() rc: RequestContext, @Param('date') date: string, @Res() reply: FastifyReply) {
    await this.calendar.removeException(rc, date);
    return redirect(reply, '/console/admin/calendar?done=exception_removed');
  }
}
