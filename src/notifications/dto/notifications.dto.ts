import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListNotificationsDto {
  @IsOptional() @Transform(toBool) @IsIn([true, false])
  unread?: boolean;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class SetNotificationEmailDto {
  /** null clears the address. */
  @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(320)
  email: string | null;
}
