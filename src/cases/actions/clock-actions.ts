/**
 * Extend, suspend, resume: case actions on one of the case's clocks (unit lead or supervisor),
 * with a required reason and legal reference (resume: optional). The plans are pure: they refuse a
 * closed case and name the clock effect; the executor has ClocksService check the clock (exists in
 * this case, open, paused, extension limits) and write its events, in the action's transaction.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import type { ClockAction } from '../../clocks/clocks.service';
import type { CaseEntity } from '../case.entity';
import { ActionPlan, defineAction } from './case-action';
import { VersionedDto } from './versioned.dto';

export class ClockReasonDto extends VersionedDto {
  @ApiProperty({ description: 'The clock (from the case view’s `clocks`).', format: 'uuid', example: '3f0c5a9e-2b7d-4e61-8c4a-9d2e7f1b6a30' })
  @IsUUID()
  clockId!: string;

  @ApiProperty({ example: 'Vụ việc phức tạp, cần giám định', minLength: 3, maxLength: 2000 })
  @IsString() @MinLength(3) @MaxLength(2000)
  reason!: string;

  @ApiProperty({ example: 'BLTTHS 2015, Điều 147 khoản 2', minLength: 3, maxLength: 500 })
  @IsString() @MinLength(3) @MaxLength(500)
  legalReference!: string;
}

export class ExtendClockDto extends ClockReasonDto {
  @ApiProperty({ example: 2, minimum: 1, maximum: 1000 })
  @IsInt() @Min(1) @Max(1000)
  value!: number;

  @ApiProperty({ enum: ['hours', 'working_days', 'days', 'months'], example: 'months' })
  @IsIn(['hours', 'working_days', 'days', 'months'])
  unit!: 'hours' | 'working_days' | 'days' | 'months';
}

export class ResumeClockDto extends VersionedDto {
  @ApiProperty({ format: 'uuid', example: '3f0c5a9e-2b7d-4e61-8c4a-9d2e7f1b6a30' })
  @IsUUID()
  clockId!: string;

  @ApiPropertyOptional({ example: 'Đã có kết quả giám định', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ example: 'BLTTHS 2015, Điều 149', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  legalReference?: string;
}

const LEADS = ['unit_lead', 'supervisor'] as const;

/** The plan every clock action shares. Pure. */
export function planClockAction(c: Readonly<CaseEntity>, clockId: string, action: ClockAction): ActionPlan {
  const type = { extend: 'clock_extended', suspend: 'clock_suspended', resume: 'clock_resumed' }[action.type];
  if (c.status === 'closed') {
    throw new DomainError('invalid_transition', 'Hồ sơ đã đóng: không thể thay đổi thời hạn. / The case is closed: its clocks cannot change.', { status: c.status, command: `clock_${action.type}`, allowed: [] });
  }
  const reason = action.reason?.trim() || null;
  return {
    patch: {},
    event: { type, metadata: { clockId, legalReference: action.legalReference?.trim() || null, ...(action.type === 'extend' ? { by: action.by } : {}) }, reason },
    audit: `case.${type}`,
    effects: [{ kind: 'clock', clockId, action }],
  };
}

export const extendAction = defineAction({
  name: 'extend',
  roles: LEADS,
  input: ExtendClockDto,
  concurrency: 'version',
  summary: 'Extend one of the case’s clocks, with a reason and the legal basis (unit lead or supervisor).',
  plan: (c, i) => planClockAction(c, i.clockId, { type: 'extend', by: { value: i.value, unit: i.unit }, reason: i.reason, legalReference: i.legalReference }),
});

export const suspendAction = defineAction({
  name: 'suspend',
  roles: LEADS,
  input: ClockReasonDto,
  concurrency: 'version',
  summary: 'Suspend (pause) one of the case’s clocks, e.g. under CPC art. 148, with a reason and the legal basis.',
  plan: (c, i) => planClockAction(c, i.clockId, { type: 'suspend', reason: i.reason, legalReference: i.legalReference }),
});

export const resumeAction = defineAction({
  name: 'resume',
  roles: LEADS,
  input: ResumeClockDto,
  concurrency: 'version',
  summary: 'Resume a suspended clock: the time left runs on from today.',
  plan: (c, i) => planClockAction(c, i.clockId, { type: 'resume', reason: i.reason, legalReference: i.legalReference }),
});
