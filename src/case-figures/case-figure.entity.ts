import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/** The clock kinds the reports count, one column group each (met, breached, paused, due). */
export const FIGURE_CLOCK_KINDS = ['acknowledge', 'first_action', 'legal_transfer', 'legal_notify', 'legal_verify'] as const;

/**
 * One row per case: the figures the supervisor reports aggregate, derived from the case row, its
 * timeline (case_events) and its clocks (case_clocks, clock_events) by
 * CaseFiguresRepository.refresh in the transaction of every change to them (intake, the case
 * action executor, the clock sweep and policy recomputation). The reports read this table instead
 * of the timelines: a national report aggregates one narrow row per case.
 *
 * Nothing here depends on the time a report is run: what does (a pause still running, a running
 * clock past its due time and not yet swept) is stored as the instant it started or falls due, and
 * the report compares it with its own `now`.
 *
 * Indexes: the period (created_at), a unit's subtree and a place with the period. Month has none
 * (a period is days, not months). Category has one only as a covering index for the national
 * percentiles by category (migration 1764401100000: (category, created_at) INCLUDE the three
 * durations, read index-only in category order, no sort): a plain (category, created_at) index
 * once made the planner read the whole table through the heap in category order, five times
 * slower than scanning and sorting it. The open cases (backlog, at-risk list) have two partial
 * indexes of their own.
 */
@Entity('case_figures')
@Index('case_figures_created_at_idx', ['createdAt'])
@Index('case_figures_unit_created_idx', ['unitId', 'createdAt'])
@Index('case_figures_locality_created_idx', ['localityCode', 'createdAt'])
// Open cases (migration 1764400900000; TypeORM cannot declare INCLUDE): by unit, covering every
// column the backlog reads, and by due time for the at-risk list; by category with the three
// durations (migration 1764401100000) for the national percentiles by category.
@Index('case_figures_open_unit_idx', { synchronize: false })
@Index('case_figures_open_due_idx', { synchronize: false })
@Index('case_figures_category_hours_idx', { synchronize: false })
export class CaseFigureEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  // By entity name, not class: cases imports this folder, not the other way round.
  @OneToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_figures_case_id_fkey' })
  case?: unknown;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @Column('text', { name: 'locality_code', nullable: true })
  localityCode: string | null;

  @Column('text')
  category: string;

  @Column('text')
  status: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** The month the case was opened in Vietnam, `YYYY-MM`. */
  @Column('text')
  month: string;

  /** First `acknowledged` event. */
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  /** First `verification_started`, `actioned` or `closed` event. */
  @Column('timestamptz', { name: 'first_action_at', nullable: true })
  firstActionAt: Date | null;

  /** When the case was closed, while it is closed (a reopened case has none). */
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** Hours from opening to each step, less the paused time that fell before it. */
  @Column('double precision', { name: 'ack_hours', nullable: true })
  ackHours: number | null;

  @Column('double precision', { name: 'first_action_hours', nullable: true })
  firstActionHours: number | null;

  @Column('double precision', { name: 'close_hours', nullable: true })
  closeHours: number | null;

  /** Seconds of the case's finished pauses (overlapping pauses of its clocks merged). */
  @Column('numeric', { name: 'paused_closed_seconds', default: 0 })
  pausedClosedSeconds: string;

  /** Start of the pause still running, if one is. */
  @Column('timestamptz', { name: 'paused_since', nullable: true })
  pausedSince: Date | null;

  @Column('integer', { default: 0 })
  extensions: number;

  @Column('integer', { default: 0 })
  suspensions: number;

  // Per clock kind: met on time, breached (flagged or met late), paused (not breached), and the due
  // time of the running clock not yet breached (breached once the report's `now` passes it).
  @Column('smallint', { name: 'acknowledge_met', default: 0 }) acknowledgeMet: number;
  @Column('smallint', { name: 'acknowledge_breached', default: 0 }) acknowledgeBreached: number;
  @Column('smallint', { name: 'acknowledge_paused', default: 0 }) acknowledgePaused: number;
  @Column('timestamptz', { name: 'acknowledge_due', nullable: true }) acknowledgeDue: Date | null;
  @Column('smallint', { name: 'first_action_met', default: 0 }) firstActionMet: number;
  @Column('smallint', { name: 'first_action_breached', default: 0 }) firstActionBreached: number;
  @Column('smallint', { name: 'first_action_paused', default: 0 }) firstActionPaused: number;
  @Column('timestamptz', { name: 'first_action_due', nullable: true }) firstActionDue: Date | null;
  @Column('smallint', { name: 'legal_transfer_met', default: 0 }) legalTransferMet: number;
  @Column('smallint', { name: 'legal_transfer_breached', default: 0 }) legalTransferBreached: number;
  @Column('smallint', { name: 'legal_transfer_paused', default: 0 }) legalTransferPaused: number;
  @Column('timestamptz', { name: 'legal_transfer_due', nullable: true }) legalTransferDue: Date | null;
  @Column('smallint', { name: 'legal_notify_met', default: 0 }) legalNotifyMet: number;
  @Column('smallint', { name: 'legal_notify_breached', default: 0 }) legalNotifyBreached: number;
  @Column('smallint', { name: 'legal_notify_paused', default: 0 }) legalNotifyPaused: number;
  @Column('timestamptz', { name: 'legal_notify_due', nullable: true }) legalNotifyDue: Date | null;
  @Column('smallint', { name: 'legal_verify_met', default: 0 }) legalVerifyMet: number;
  @Column('smallint', { name: 'legal_verify_breached', default: 0 }) legalVerifyBreached: number;
  @Column('smallint', { name: 'legal_verify_paused', default: 0 }) legalVerifyPaused: number;
  @Column('timestamptz', { name: 'legal_verify_due', nullable: true }) legalVerifyDue: Date | null;

  // The backlog's clock state: any open clock flagged breached; the earliest due time of the
  // running ones; any paused; and the clock the backlog shows (a breached one first, else the
  // earliest due).
  @Column('boolean', { name: 'open_clock_breached', nullable: true })
  openClockBreached: boolean | null;

  @Column('timestamptz', { name: 'running_due', nullable: true })
  runningDue: Date | null;

  @Column('boolean', { name: 'open_clock_paused', nullable: true })
  openClockPaused: boolean | null;

  @Column('text', { name: 'open_clock_kind', nullable: true })
  openClockKind: string | null;

  @Column('timestamptz', { name: 'open_clock_due', nullable: true })
  openClockDue: Date | null;
}
