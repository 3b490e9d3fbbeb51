import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class OpenInvitationDto {
  @ApiProperty({ example: 'k3J9x2LmQ8pZ7vB4nW1cT6yR', description: 'The one-time code from the administrator' }) @IsString() @MaxLength(64)
  code: string;
}

export class CompleteInvitationDto {
  @ApiProperty({ example: 'k3J9x2LmQ8pZ7vB4nW1cT6yR', description: 'The one-time code from the administrator' }) @IsString() @MaxLength(64)
  code: string;

  @ApiProperty({ example: 'correct horse battery staple', description: 'A new account: the password you choose (12 to 128 characters). A TOTP reset: your current password.' })
  @IsString() @MaxLength(1000)
  password: string;

  @ApiProperty({ example: '492039', description: 'A code from the secret shown when the invitation was opened' }) @IsString() @Matches(/^\d{6}$/)
  totp: string;
}
