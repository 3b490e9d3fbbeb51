import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarExceptionEntity } from './calendar-exception.entity';
import type { CalendarException } from './working-calendar';

/** The only code that touches calendar_exceptions. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async list(m: EntityManager = this.dataSource.manager): Promise<CalendarException[]> {
    const rows = await m.getRepository(CalendarExceptionEntity).createQueryBuilder('x').orderBy('x.date').getMany();
    return rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note }));
  }

  async find(m: EntityManager, date: string): Promise<CalendarException | null> {
    const r = await m.getRepository(CalendarExceptionEntity).findOneBy({ date });
    return r ? { date: r.date, kind: r.kind, note: r.note } : null;
  }

  async upsert(m: EntityManager, e: CalendarException, by: string | null): Promise<void> {
    await m.query(
      `INSERT INTO calendar_exceptions (date, kind, note, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note, created_by = EXCLUDED.created_by, created_at = now()`,
      [e.date, e.kind, e.note, by],
    );
  }

  async remove(m: EntityManager, date: string): Promise<boolean> {
    const rows = returned(await m.query('DELETE FROM calendar_exceptions WHERE date = $1 RETURNING date', [date]));
    return rows.length > 0;
  }
}

/** TypeORM answers an UPDATE/DELETE … RETURNING through query() as [rows, rowCount]. */
function returned<T>(raw: unknown): T[] {
  return (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as T[];
}
