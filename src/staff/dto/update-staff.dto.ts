import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../auth/auth.decorators';

export class UpdateStaffDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES as unknown as string[])
  role?: Role;

  @ApiPropertyOptional({ description: 'The new unit by id' }) @IsOptional() @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'The new unit by code (e.g. PC04-24)' }) @IsOptional() @IsString() @MaxLength(64)
  unitCode?: string;
}
