import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../auth/auth.decorators';

export class CreateStaffDto {
  @ApiProperty({ example: 'binh.tran', description: '3..64 of a-z, 0-9, ".", "_", "-"' }) @IsString() @MaxLength(64)
  username: string;

  @ApiPropertyOptional({ example: 'Trần Thị Bình' }) @IsOptional() @IsString() @MaxLength(200)
  displayName?: string;

  @ApiProperty({ example: 'officer', enum: ROLES }) @IsIn(ROLES as unknown as string[])
  role: Role;

  @ApiPropertyOptional({ example: 'CA-24-07210', description: 'The unit by its code (e.g. PC04-24); or give unitId' }) @IsOptional() @IsString() @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40', description: 'The unit id (or give unitCode)' }) @IsOptional() @IsUUID()
  unitId?: string;
}
