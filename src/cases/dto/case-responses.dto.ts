import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ACTIONS_TAKEN, CASE_OUTCOMES, CASE_STATUSES, PRIORITIES } from '../case-transitions';

/** Response schemas of the case routes (documentation only: the services build these shapes). */

const UUID_EXAMPLE = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
const DEADLINE_STATES = ['on_time', 'due_soon', 'overdue', 'none'];

export class StaffRefDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Nguyễn Văn An' }) name!: string | null;
}

/** What every case action answers: the case after the action, with its new version. */
export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ example: 'TL-VY40-GT9T' }) reference!: string;
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40' }) unitId!: string;
  @ApiProperty({ enum: CASE_STATUSES, example: 'acknowledged' }) status!: string;
  @ApiProperty({ enum: CASE_OUTCOMES, nullable: true, example: null }) outcome!: string | null;
  @ApiProperty({ enum: ACTIONS_TAKEN, nullable: true, example: null }) actionTaken!: string | null;
  @ApiProperty({ enum: PRIORITIES, example: 'high' }) priority!: string;
  @ApiProperty({ example: 'dealing_point' }) category!: string;
  @ApiProperty({ nullable: true, type: String, example: '00004' }) localityCode!: string | null;
  @ApiProperty({ example: false }) possiblyRelated!: boolean;
  @ApiProperty({ example: false }) replyWaiting!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) hotspotId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) duplicateOf!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) assigneeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: UUID_EXAMPLE, description: 'Who holds the claim (edit lock) now.' }) claimedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-12-01T03:15:00.000Z' }) claimedUntil!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-12-02T03:00:00.000Z' }) nextDeadlineAt!: string | null;
  @ApiProperty({ enum: DEADLINE_STATES, example: 'on_time' }) deadlineState!: string;
  @ApiProperty({ example: 2, description: 'Send it with the next action.' }) version!: number;
}

export class MessagePostedDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T03:00:00.000Z' }) at!: string;
  @ApiProperty({ enum: ['tipster', 'internal'], example: 'tipster' }) visibility!: string;
}

export class QueueItemDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ example: 'TL-VY40-GT9T' }) reference!: string;
  @ApiProperty({ enum: CASE_STATUSES, example: 'new' }) status!: string;
  @ApiProperty({ example: 'dealing_point' }) category!: string;
  @ApiProperty({ nullable: true, type: String, example: '00004' }) localityCode!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Phường Ba Đình' }) place!: string | null;
  @ApiProperty({ enum: PRIORITIES, example: 'normal' }) priority!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T02:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: 3600 }) ageSeconds!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-12-02T02:00:00.000Z' }) nextDeadlineAt!: string | null;
  @ApiProperty({ enum: DEADLINE_STATES, example: 'on_time' }) deadlineState!: string;
  @ApiProperty({ type: StaffRefDto, nullable: true, example: null }) assignee!: StaffRefDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) claimedBy!: string | null;
  @ApiProperty({ example: false }) possiblyRelated!: boolean;
  @ApiProperty({ example: false }) replyWaiting!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) hotspotId!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
}

export class QueuePageDto {
  @ApiProperty({ type: [QueueItemDto] }) items!: QueueItemDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as before for the previous page; null on the first.' }) prevCursor!: string | null;
}

export class FiledTodayItemDto {
  @ApiProperty({ example: 'TL-VY40-GT9T' }) reference!: string;
  @ApiProperty({ example: 'dealing_point' }) category!: string;
  @ApiProperty({ nullable: true, type: String, example: '00004' }) localityCode!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T02:10:00.000Z' }) filedAt!: string;
}

export class FiledTodayPageDto {
  @ApiProperty({ type: [FiledTodayItemDto] }) items!: FiledTodayItemDto[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: null;
}

export class TimelineEventDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ example: 'acknowledged' }) type!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T02:30:00.000Z' }) at!: string;
  @ApiProperty({ example: { type: 'staff', id: UUID_EXAMPLE } }) actor!: { type: string; id: string | null };
  @ApiProperty({ example: { from: 'new', to: 'acknowledged' } }) metadata!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Decrypted reason (reopen, transfer).' }) reason!: string | null;
}

export class CaseMessageDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T02:40:00.000Z' }) at!: string;
  @ApiProperty({ enum: ['officer', 'tipster'], example: 'officer' }) author!: string;
  @ApiProperty({ type: StaffRefDto, nullable: true, example: null }) authorStaff!: StaffRefDto | null;
  @ApiProperty({ enum: ['tipster', 'internal'], example: 'tipster' }) visibility!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Bạn có nhớ biển số xe không?' }) body!: string | null;
  @ApiProperty({ example: false }) destroyed!: boolean;
}

export class TipPhotoRefDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ example: 'image/jpeg' }) mime!: string;
  @ApiProperty({ example: 1280 }) width!: number;
  @ApiProperty({ example: 960 }) height!: number;
  @ApiProperty({ example: 183204 }) bytes!: number;
}

export class TipViewDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) id!: string;
  @ApiProperty({ example: 'web' }) channel!: string;
  @ApiProperty({ example: 'dealing_point' }) category!: string;
  @ApiProperty({ nullable: true, type: String, example: '00004' }) localityCode!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T20:00:00.000Z' }) observedAt!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Có người bán ma túy sau chợ vào buổi tối.' }) narrative!: string | null;
  @ApiProperty({ nullable: true, type: Object, example: { people: 2 } }) details!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, example: 'gầm cầu cạnh chợ' }) placeDescription!: string | null;
  @ApiProperty({ nullable: true, type: Object, example: { lat: 21.03, lng: 105.85 } }) coordinates!: { lat: number; lng: number } | null;
  @ApiProperty({ example: false }) localPoliceInvolved!: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T02:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: [TipPhotoRefDto] }) photos!: TipPhotoRefDto[];
}

export class ClaimHolderDto extends StaffRefDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T03:15:00.000Z' }) until!: string;
}

export class CaseViewDto extends OmitType(CaseSummaryDto, ['claimedBy'] as const) {
  @ApiProperty({ type: ClaimHolderDto, nullable: true, example: null, description: 'The claim holder with name and expiry.' }) claimedBy!: ClaimHolderDto | null;
  @ApiProperty({ type: StaffRefDto, nullable: true, example: null }) assignee!: StaffRefDto | null;
  @ApiProperty({ example: { ruleId: null, reason: { rule: 'commune_police_of_place' } } }) routing!: { ruleId: string | null; reason: unknown };
  @ApiProperty({ format: 'date-time', example: '2026-11-30T20:00:00.000Z' }) observedAt!: string;
  @ApiProperty({ example: 'web' }) channel!: string;
  @ApiProperty({ example: { createdAt: '2026-12-01T02:00:00.000Z', acknowledgedAt: null, verificationStartedAt: null, actionedAt: null, closedAt: null, reopenedAt: null, transferredAt: null } })
  timestamps!: Record<string, string | null>;
  @ApiProperty({ example: { destroyed: false, note: null } }) content!: { destroyed: boolean; note: string | null };
  @ApiProperty({ type: [TipViewDto] }) tips!: TipViewDto[];
  @ApiProperty({ type: [TimelineEventDto] }) timeline!: TimelineEventDto[];
  @ApiProperty({ type: [CaseMessageDto] }) messages!: CaseMessageDto[];
}
