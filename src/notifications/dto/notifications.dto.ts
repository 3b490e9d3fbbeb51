import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListNotificationsDto {
  @ApiPropertyOptional({ example: true, description: 'Only unread notices.' })
  @IsOptional() @Transform(toBool) @IsIn([true, false])
  unread?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class SetNotificationEmailDto {
  @ApiProperty({ nullable: true, type: String, format: 'email', example: 'an.nguyen@congan.example.vn', description: 'null clears the address.' })
  @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(320)
  email: string | null;
}
