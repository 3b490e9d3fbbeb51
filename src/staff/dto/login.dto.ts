import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty() @IsString() @MaxLength(64)
  username: string;

  @ApiProperty() @IsString() @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ description: 'The current 6-digit TOTP code (or give recoveryCode)' })
  @IsOptional() @IsString() @MaxLength(10)
  totp?: string;

  @ApiPropertyOptional({ description: 'A one-time recovery code instead of the TOTP code' })
  @IsOptional() @IsString() @MaxLength(32)
  recoveryCode?: string;
}
