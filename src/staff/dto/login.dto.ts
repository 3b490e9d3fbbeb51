import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** No control characters (a NUL would reach PostgreSQL, which refuses it in text). */
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export class LoginDto {
  @ApiProperty({ example: 'an.nguyen' }) @IsString() @MaxLength(64) @Matches(NO_CONTROL, { message: 'username must not contain control characters' })
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ example: '492039', description: 'The current 6-digit TOTP code (or give recoveryCode)' })
  @IsOptional() @IsString() @MaxLength(10) @Matches(NO_CONTROL, { message: 'totp must not contain control characters' })
  totp?: string;

  @ApiPropertyOptional({ example: 'k7q2m-9xdp4', description: 'A one-time recovery code instead of the TOTP code' })
  @IsOptional() @IsString() @MaxLength(32) @Matches(NO_CONTROL, { message: 'recoveryCode must not contain control characters' })
  recoveryCode?: string;
}
