import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../auth/auth.decorators';

export class CreateStaffDto {
  @ApiProperty({ description: '3..64 of a-z, 0-9, ".", "_", "-"' }) @IsString() @MaxLength(64)
  username: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  displayName?: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[])
  role: Role;

  @ApiPropertyOptional({ description: 'The unit by its code (e.g. PC04-24); or give unitId' }) @IsOptional() @IsString() @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'The unit id (or give unitCode)' }) @IsOptional() @IsUUID()
  unitId?: string;
}
