import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

/** Every state-changing action carries the version the client saw: missing is a 400, stale a 409 with the current version. */
export class VersionedDto {
  @ApiProperty({ description: 'The case version the client last read (from the queue, the case view or the previous action).', example: 3, minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;
}
