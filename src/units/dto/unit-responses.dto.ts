import { ApiProperty } from '@nestjs/swagger';
import { UNIT_KINDS } from '../unit.entity';

/** Response schemas of the unit admin routes (documentation only: the service builds these shapes). */

export class UnitDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40' }) id!: string;
  @ApiProperty({ example: 'CA-24-07210' }) code!: string;
  @ApiProperty({ example: 'Công an xã Tân Yên' }) name!: string;
  @ApiProperty({ enum: UNIT_KINDS, example: 'commune_police' }) kind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '0e5d8c7b-6a49-4382-9170-6f5e4d3c2b1a' }) parentId!: string | null;
  @ApiProperty({ format: 'date', example: '2025-07-01' }) validFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: null, description: 'Last day in force (inclusive); null: open-ended.' }) validTo!: string | null;
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDto] }) items!: UnitDto[];
  @ApiProperty({ nullable: true, type: String, example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40', description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
}

export class CoverageDto {
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40' }) unitId!: string;
  @ApiProperty({ enum: UNIT_KINDS, example: 'commune_police' }) unitKind!: string;
  @ApiProperty({ example: '07210' }) localityCode!: string;
  @ApiProperty({ format: 'date', example: '2025-07-01' }) validFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: null }) validTo!: string | null;
}

export class CoveragePageDto {
  @ApiProperty({ type: [CoverageDto] }) items!: CoverageDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
}
