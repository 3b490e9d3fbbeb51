import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../../auth/auth.decorators';

/** Response schemas of the staff and admin routes (documentation only: the services build these shapes). */

const STAFF_ID = '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const UNIT_ID = '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40';

/** An account as the API shows it: never a hash or a secret. */
export class StaffViewDto {
  @ApiProperty({ format: 'uuid', example: STAFF_ID }) id!: string;
  @ApiProperty({ example: 'an.nguyen' }) username!: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) displayName!: string;
  @ApiProperty({ enum: ROLES, example: 'officer' }) role!: string;
  @ApiProperty({ format: 'uuid', example: UNIT_ID }) unitId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'CA-24-07210' }) unitCode!: string | null;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: false }) mustChangePassword!: boolean;
  @ApiProperty({ example: true }) totpEnrolled!: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-11-20T02:00:00.000Z' }) createdAt!: string;
}

export class StaffPageDto {
  @ApiProperty({ type: [StaffViewDto] }) items!: StaffViewDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Always null: every account is listed.' }) nextCursor!: null;
}

/** A staff session: also set as cookies (the session, and the CSRF token the console echoes in x-csrf-token). */
export class SessionDto {
  @ApiProperty({ example: 'm3Qv8yKp1ZrT6wXc9bNf2hLd5sJg7aUe4oRi0kYqPtE', description: 'Bearer token (or the session cookie).' }) token!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T15:00:00.000Z', description: 'Absolute end (earlier after the idle timeout).' }) expiresAt!: string;
  @ApiProperty({ example: 1800 }) idleTimeoutSeconds!: number;
  @ApiProperty({ example: false, description: 'True: the session may only change the password.' }) passwordChangeRequired!: boolean;
  @ApiProperty({ example: 'Xn4rB8sK2vQ9mW6tY1pL7dF3hJ5cZ0gA' }) csrfToken!: string;
}

export class InvitationDto {
  @ApiProperty({ example: 'k3J9x2LmQ8pZ7vB4nW1cT6yR', description: 'One-time code, shown once (only its hash is stored).' }) code!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T02:00:00.000Z' }) expiresAt!: string;
}

export class RoleChangeDto {
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' }) id!: string;
  @ApiProperty({ format: 'uuid', example: STAFF_ID }) staffId!: string;
  @ApiProperty({ enum: ['create', 'change'], example: 'change' }) kind!: string;
  @ApiProperty({ enum: ROLES, example: 'supervisor' }) role!: string;
  @ApiProperty({ format: 'uuid', example: UNIT_ID }) unitId!: string;
  @ApiProperty({ format: 'uuid', example: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f' }) requestedBy!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T02:00:00.000Z' }) requestedAt!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'refused'], example: 'pending' }) status!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) decidedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) decidedAt!: string | null;
}

export class RoleChangePageDto {
  @ApiProperty({ type: [RoleChangeDto] }) items!: RoleChangeDto[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: null;
}

export class InvitedStaffDto {
  @ApiProperty({ type: StaffViewDto }) account!: StaffViewDto;
  @ApiProperty({ type: InvitationDto }) invitation!: InvitationDto;
  @ApiProperty({ type: RoleChangeDto, nullable: true, description: 'Set when a second admin must approve the grant.' }) pendingApproval!: RoleChangeDto | null;
}

export class PendingChangeDto {
  @ApiProperty({ type: RoleChangeDto }) pendingChange!: RoleChangeDto;
}

export class TotpResetDto {
  @ApiProperty({ type: InvitationDto }) invitation!: InvitationDto;
}

export class TotpEnrolmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXP' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/tipline:an.nguyen?secret=JBSWY3DPEHPK3PXP&issuer=tipline' }) otpauthUrl!: string;
  @ApiProperty({ example: 'data:image/png;base64,iVBORw0KGgo…', description: 'The QR code, rendered server-side.' }) qrCode!: string;
}

export class OpenedInvitationDto extends TotpEnrolmentDto {
  @ApiProperty({ example: 'an.nguyen' }) username!: string;
  @ApiProperty({ enum: ['invite', 'totp_reset'], example: 'invite' }) purpose!: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], example: ['k7q2m-9xdp4', 'p4trw-8wzn3'], description: 'Ten one-time codes, shown once.' }) recoveryCodes!: string[];
}

export class CompletedInvitationDto extends SessionDto {
  @ApiProperty({ type: [String], example: ['k7q2m-9xdp4', 'p4trw-8wzn3'], description: 'Ten one-time codes, shown once.' }) recoveryCodes!: string[];
}
