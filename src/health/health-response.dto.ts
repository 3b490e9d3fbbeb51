import { ApiProperty } from '@nestjs/swagger';

/** GET /health (documentation only). */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status!: string;
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) database!: string;
}
