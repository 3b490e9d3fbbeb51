import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Role, ROLES } from '../../auth/auth.decorators';

export class UpdateStaffDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES as unknown as string[])
  role?: Role;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  unitId?: string;
}
