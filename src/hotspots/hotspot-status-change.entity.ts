import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffAccountEntity } from '../staff/staff-account.entity';
import { Hotspot } from './hotspot.entity';
import type { HotspotStatus } from './hotspot-transitions';

/** Dated history of a hotspot's status (what year-on-year reports count). */
@Entity('hotspot_status_changes')
@Index('hotspot_status_changes_hotspot_at_idx', ['hotspotId', 'at'])
export class HotspotStatusChange {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hotspot_id' })
  hotspotId: string;

  @ManyToOne(() => Hotspot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hotspot_id', foreignKeyConstraintName: 'hotspot_status_changes_hotspot_id_fkey' })
  hotspot?: Hotspot;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: HotspotStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus: HotspotStatus;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'hotspot_status_changes_actor_id_fkey' })
  actor?: StaffAccountEntity | null;

  /** The case whose work prompted the change, if any. */
  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;
}
