import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class BeginTotpEnrolmentDto {
  @ApiProperty({ example: 'correct horse battery staple', description: 'The current password (re-authentication)' }) @IsString() @MaxLength(128)
  password: string;
}

export class ConfirmTotpEnrolmentDto {
  @ApiProperty({ example: '492039', description: 'A code from the new secret' }) @IsString() @Matches(/^\d{6}$/)
  totp: string;
}
