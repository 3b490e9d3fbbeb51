import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_CODES } from '../../categories/category-codes';

/**
 * The tip as JSON (documentation only: intake validates it itself so that every problem comes
 * back in the tipster's language). With photos, send the same fields as multipart/form-data
 * (`details[key]` for details, one `photos` part per photo).
 */
export class SubmitTipDto {
  @ApiProperty({ enum: CATEGORY_CODES }) category!: string;
  @ApiProperty({ description: 'Official commune/ward code (GET /api/v1/localities)', example: '00004' }) locality!: string;
  @ApiProperty({ description: 'When it was seen: YYYY-MM-DD, YYYY-MM-DDTHH:mm (Viet Nam time) or ISO 8601', example: '2026-11-27T21:30' })
  observedAt!: string;
  @ApiProperty({ minLength: 10, maxLength: 5000 }) narrative!: string;
  @ApiPropertyOptional({ description: "Answers to the category's fields (GET /api/v1/categories)", type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Free description of the place', maxLength: 500 }) place?: string;
  @ApiPropertyOptional({ description: '{ lat, lng } or "lat, lng"', example: { lat: 21.0285, lng: 105.8542 } }) coordinates?: unknown;
  @ApiPropertyOptional() localPoliceInvolved?: boolean;
  @ApiProperty({ description: 'Solved GET /api/v1/intake/challenge: "altcha:" + base64(JSON {challenge, solution})' }) proof!: string;
  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of error messages (default vi)' }) lang?: string;
}

export class SubmittedTipDto {
  @ApiProperty({ example: 'HN-7K2P9Q' }) reference!: string;
  @ApiProperty({ example: '4821 0937 5520 1184', description: 'Shown once; only a slow hash is stored' }) receipt!: string;
}

export class ReceiptDto {
  @ApiProperty({ example: '4821 0937 5520 1184' }) receipt!: string;
  @ApiPropertyOptional({ enum: ['vi', 'en'] }) lang?: string;
  @ApiPropertyOptional({
    description:
      'Only after a 429 with details.proofRequired = "receipt" (this address had too many wrong receipts): a solved GET /api/v1/intake/challenge?purpose=receipt (harder), so a tipster sharing the address still gets through',
  })
  proof?: string;
}

export class TipsterMessageDto extends ReceiptDto {
  @ApiProperty({ maxLength: 5000 }) body!: string;
}
