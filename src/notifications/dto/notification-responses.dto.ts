import { ApiProperty } from '@nestjs/swagger';

/** Response schemas of the notification routes (documentation only: the service builds these shapes). */

export class NotificationDto {
  @ApiProperty({ format: 'uuid', example: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e' }) id!: string;
  @ApiProperty({ example: 'clock_breached' }) kind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TL-VY40-GT9T' }) caseReference!: string | null;
  @ApiProperty({ example: '[TL-VY40-GT9T] Quá hạn xác minh' }) subject!: string;
  @ApiProperty({ example: 'Hồ sơ TL-VY40-GT9T: thời hạn "xác minh" (pháp định) đến hạn 2026-12-01T03:00:00.000Z (UTC) đã quá hạn.\nCase TL-VY40-GT9T: the legal_verify deadline (legal) due 2026-12-01T03:00:00.000Z (UTC) was breached.' }) body!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T03:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) readAt!: string | null;
  @ApiProperty({ enum: ['pending', 'sent'], nullable: true, example: 'sent', description: 'E-mail delivery; null when not e-mailed.' }) email!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
}

export class NotificationReadDto {
  @ApiProperty({ format: 'uuid', example: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e' }) id!: string;
  @ApiProperty({ example: true }) read!: boolean;
}

export class NotificationEmailDto {
  @ApiProperty({ format: 'uuid', example: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d' }) staffId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'an.nguyen@congan.example.vn' }) email!: string | null;
}
