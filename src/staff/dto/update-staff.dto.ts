import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../auth/auth.decorators';

export class UpdateStaffDto {
  @ApiPropertyOptional({ example: 'unit_lead', enum: ROLES }) @IsOptional() @IsIn(ROLES as unknown as string[])
  role?: Role;

  @ApiPropertyOptional({ example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40', description: 'The new unit by id' }) @IsOptional() @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'CA-24-07210', description: 'The new unit by code (e.g. PC04-24)' }) @IsOptional() @IsString() @MaxLength(64)
  unitCode?: string;
}
