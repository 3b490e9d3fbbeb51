import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_CODES } from '../../../categories/category-codes';

/**
 * GeoReport v2 documents as JSON (the `.xml` form carries the same fields in the spec's
 * elements). Documentation only: open311-format.ts builds them.
 */

export class Open311ServiceDto {
  @ApiProperty({ enum: CATEGORY_CODES, example: 'dealing_point' }) service_code!: string;
  @ApiProperty({ example: 'Điểm bán lẻ ma túy' }) service_name!: string;
  @ApiProperty({ example: 'Nơi mua bán ma túy nhỏ lẻ.' }) description!: string;
  @ApiProperty({ example: true }) metadata!: boolean;
  @ApiProperty({ example: 'realtime' }) type!: string;
  @ApiProperty({ example: 'ma tuy,drugs' }) keywords!: string;
  @ApiProperty({ example: 'Tố giác tội phạm ma túy' }) group!: string;
}

class Open311AttributeDto {
  @ApiProperty({ example: true }) variable!: boolean;
  @ApiProperty({ example: 'locality' }) code!: string;
  @ApiProperty({ enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'], example: 'string' }) datatype!: string;
  @ApiProperty({ example: false }) required!: boolean;
  @ApiProperty({ example: 'Mã xã/phường chính thức (5 chữ số)' }) datatype_description!: string;
  @ApiProperty({ example: 1 }) order!: number;
  @ApiProperty({ example: 'Xã, phường nơi xảy ra (không có: chuyển bộ phận phân loại)' }) description!: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, example: [{ key: 'daily', name: 'Hằng ngày' }] }) values?: object[];
}

export class Open311DefinitionDto {
  @ApiProperty({ enum: CATEGORY_CODES, example: 'dealing_point' }) service_code!: string;
  @ApiProperty({ type: [Open311AttributeDto] }) attributes!: Open311AttributeDto[];
}

export class Open311RequestAnswerDto {
  @ApiProperty({ example: 'Yq3vT0pL8mZ2xK5rB7nW1cF4' }) token!: string;
  @ApiProperty({ example: 'Tin báo ẩn danh. Các trường cá nhân … bị bỏ qua, không đọc, không lưu, không ghi nhật ký.' }) service_notice!: string;
}

export class Open311TokenDto {
  @ApiProperty({ example: 'TL-VY40-GT9T', description: 'The case reference.' }) service_request_id!: string;
  @ApiProperty({ example: 'Yq3vT0pL8mZ2xK5rB7nW1cF4' }) token!: string;
}

/** GeoReport v2 errors: an array of these (not tipline's error body, as the spec requires). */
export class Open311ErrorDto {
  @ApiProperty({ example: 400 }) code!: number;
  @ApiProperty({ example: 'service_code is missing.' }) description!: string;
}
