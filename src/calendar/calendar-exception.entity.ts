import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The government's yearly decisions on top of the Labor Code: compensatory days off, Saturdays worked instead. */
@Entity('calendar_exceptions')
@Check('calendar_exceptions_kind_check', `"kind" IN ('day_off', 'working_day')`)
export class CalendarExceptionEntity {
  @PrimaryColumn('date')
  date: string;

  @Column('text')
  kind: 'day_off' | 'working_day';

  @Column('text')
  note: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
