import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ description: '12 to 128 characters, not a common password' }) @IsString() @MaxLength(1000)
  newPassword: string;
}
