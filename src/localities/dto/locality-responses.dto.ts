import { ApiProperty } from '@nestjs/swagger';
import { LOCALITY_LEVELS } from '../locality.entity';

/** Response schema of GET /api/v1/localities (documentation only: the service builds these shapes). */

export class LocalityDto {
  @ApiProperty({ example: '07210' }) code!: string;
  @ApiProperty({ enum: LOCALITY_LEVELS, example: 'commune' }) level!: string;
  @ApiProperty({ example: 'Tân Yên' }) name!: string;
  @ApiProperty({ example: 'Xã Tân Yên, Tỉnh Bắc Ninh' }) fullName!: string;
  @ApiProperty({ example: 'Xã' }) type!: string;
  @ApiProperty({ example: 'Commune' }) typeEn!: string;
  @ApiProperty({ nullable: true, type: String, example: '24' }) parentCode!: string | null;
  @ApiProperty({ format: 'date', example: '2025-07-01' }) validFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: null }) validTo!: string | null;
}

export class LocalityPageDto {
  @ApiProperty({ type: [LocalityDto] }) items!: LocalityDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
}
