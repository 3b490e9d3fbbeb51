import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffAccountEntity } from '../staff/staff-account.entity';
import { CaseEntity } from './case.entity';

export type MessageVisibility = 'tipster' | 'internal';
export type MessageAuthor = 'officer' | 'tipster';

/**
 * The anonymous dialogue and the internal notes. `body` is encrypted with the case's data key
 * (aad: case_messages.body.<id>). A tipster's message is always tipster-visible; an internal
 * note is never shown to the tipster.
 */
@Entity('case_messages')
@Index('case_messages_case_id_created_at_idx', ['caseId', 'createdAt'])
@Check('case_messages_visibility_check', `"visibility" IN ('tipster', 'internal')`)
@Check('case_messages_author_check', `"author" IN ('officer', 'tipster')`)
@Check('case_messages_tipster_visible_check', `"author" = 'officer' OR "visibility" = 'tipster'`)
export class CaseMessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_messages_case_id_fkey' })
  case?: CaseEntity;

  @Column('text')
  author: MessageAuthor;

  @Column('uuid', { name: 'author_staff_id', nullable: true })
  authorStaffId: string | null;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'author_staff_id', foreignKeyConstraintName: 'case_messages_author_staff_id_fkey' })
  authorStaff?: StaffAccountEntity | null;

  @Column('text')
  visibility: MessageVisibility;

  @Column('bytea')
  body: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
