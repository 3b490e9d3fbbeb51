import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ example: 'a longer passphrase of my own', description: '12 to 128 characters, not a common password' }) @IsString() @MaxLength(1000)
  newPassword: string;
}
