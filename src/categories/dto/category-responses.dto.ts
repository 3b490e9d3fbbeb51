import { ApiProperty } from '@nestjs/swagger';
import { CATEGORY_CODES } from '../category-codes';

/** Response schema of GET /api/v1/categories (documentation only: the catalogue is category-catalogue.ts). */

const TEXT = { vi: 'Điểm bán lẻ ma túy', en: 'Street dealing point' };

export class CategoryDto {
  @ApiProperty({ enum: CATEGORY_CODES, example: 'dealing_point' }) code!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: TEXT }) name!: object;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { vi: 'Nơi mua bán ma túy nhỏ lẻ.', en: 'A place where drugs are sold in small amounts.' } }) explanation!: object;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Structured detail fields: key, kind (choice, multi, count, text), label, options, max, maxLength.',
    example: [{ key: 'frequency', kind: 'choice', label: { vi: 'Mức độ thường xuyên', en: 'How often' }, options: [{ value: 'daily', label: { vi: 'Hằng ngày', en: 'Every day' } }] }],
  })
  fields!: object[];
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] }) items!: CategoryDto[];
}
