import { ApiProperty } from '@nestjs/swagger';

/**
 * The JSON form of a report (documentation only: reports.service.ts builds it). Each report adds
 * its own header fields (period, filters, definitions, clocks...) beside `report` and `rows`;
 * csv and xlsx carry the same rows.
 */
export class ReportDto {
  @ApiProperty({ enum: ['response-times', 'hotspots', 'backlog'], example: 'backlog' }) report!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'One object per row; the columns depend on the report and its groupBy.',
    example: [{ unit_code: 'CA-24-07210', unit_name: 'Công an xã Tân Yên', age_bucket: '0-2d', clock_state: 'on_time', cases: 12 }],
  })
  rows!: object[];
}
