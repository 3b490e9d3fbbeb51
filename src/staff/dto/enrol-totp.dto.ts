import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class BeginTotpEnrolmentDto {
  @ApiProperty({ description: 'The current password (re-authentication)' }) @IsString() @MaxLength(128)
  password: string;
}

export class ConfirmTotpEnrolmentDto {
  @ApiProperty({ description: 'A code from the new secret' }) @IsString() @Matches(/^\d{6}$/)
  totp: string;
}
