import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../auth/auth.decorators';

export class CreateStaffDto {
  @ApiProperty({ description: '3..64 of a-z, 0-9, ".", "_", "-"' }) @IsString() @MaxLength(64)
  username: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  displayName?: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[])
  role: Role;

  @ApiProperty({ description: 'The unit id' }) @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ description: 'Default true: the one-time password must be changed at first login' })
  @IsOptional() @IsBoolean()
  mustChangePassword?: boolean;
}
