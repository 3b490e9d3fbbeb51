import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TipEntity } from './tip.entity';

/** A re-encoded photo (no metadata), encrypted under the case's data key (aad: tip_photos/content/id). */
@Entity('tip_photos')
@Index('tip_photos_tip_idx', ['tipId'])
export class TipPhotoEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_tip_photos' })
  id!: string;

  @Column({ name: 'tip_id', type: 'uuid' })
  tipId!: string;

  @ManyToOne(() => TipEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tip_id', foreignKeyConstraintName: 'FK_tip_photos_tip' })
  tip?: TipEntity;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ type: 'text' })
  mime!: string;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ type: 'integer' })
  bytes!: number;
}
