import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CURSOR_MAX_LENGTH, PageLimit, WORK_LIST_PAGE } from '../../common/pagination';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListNotificationsDto {
  @ApiPropertyOptional({ example: true, description: 'Only unread notices.' })
  @IsOptional() @Transform(toBool) @IsIn([true, false])
  unread?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;

  @PageLimit(WORK_LIST_PAGE)
  limit?: number;
}

export class SetNotificationEmailDto {
  @ApiProperty({ nullable: true, type: String, format: 'email', example: 'an.nguyen@congan.example.vn', description: 'null clears the address.' })
  @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(320)
  email: string | null;
}
