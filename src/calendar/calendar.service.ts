import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../common/unit-of-work';
import { NotFound, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { isDate } from './calendar-dates';
import { CalendarRepository } from './calendar.repository';
import { CalendarException, ExceptionKind, WorkingCalendar } from './working-calendar';

const MAX_DAYS = 3650;

/** The working-day calendar with the admin's exceptions; exception changes are audited. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repo: CalendarRepository,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  /** The calendar as it stands (read in the caller's transaction when given). */
  async calendar(m?: EntityManager): Promise<WorkingCalendar> {
    return new WorkingCalendar(await this.repo.list(m));
  }

  async workingDays(from: unknown, days: unknown) {
    if (!isDate(from)) throw new ValidationFailed([{ field: 'from', reason: 'isDate', message: 'from phải là ngày dạng YYYY-MM-DD. / from must be a date YYYY-MM-DD.' }]);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
      throw new ValidationFailed([{ field: 'days', reason: 'range', message: `days phải là số nguyên từ 0 đến ${MAX_DAYS}. / days must be a whole number from 0 to ${MAX_DAYS}.` }]);
    }
    const r = (await this.calendar()).addWorkingDays(from, days);
    return { from, days, due: r.due, timeZone: 'Asia/Ho_Chi_Minh', skipped: r.skipped };
  }

  async listExceptions() {
    return { items: await this.repo.list(), nextCursor: null };
  }

  async setException(ctx: RequestContext, date: string, kind: ExceptionKind, note: string): Promise<CalendarException> {
    if (!isDate(date)) throw new ValidationFailed([{ field: 'date', reason: 'isDate', message: 'date phải là ngày dạng YYYY-MM-DD. / date must be a date YYYY-MM-DD.' }]);
    const e = { date, kind, note: note.trim() };
    await this.uow.run(async (m) => {
      const before = await this.repo.find(m, date);
      await this.repo.upsert(m, e, ctx.actor.type === 'staff' ? ctx.actor.id : null);
      await this.audit.record(m, ctx, { action: 'calendar.exception_set', targetType: 'calendar_exception', targetId: null, change: { date, kind, before: before?.kind ?? null } });
    });
    return e;
  }

  async removeException(ctx: RequestContext, date: string): Promise<{ date: string; removed: true }> {
    if (!isDate(date)) throw new ValidationFailed([{ field: 'date', reason: 'isDate', message: 'date phải là ngày dạng YYYY-MM-DD. / date must be a date YYYY-MM-DD.' }]);
    await this.uow.run(async (m) => {
      if (!(await this.repo.remove(m, date))) throw new NotFound('Calendar exception');
      await this.audit.record(m, ctx, { action: 'calendar.exception_removed', targetType: 'calendar_exception', targetId: null, change: { date } });
    });
    return { date, removed: true };
  }
}
