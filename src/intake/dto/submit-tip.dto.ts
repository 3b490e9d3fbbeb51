import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_CODES } from '../../categories/category-codes';
import { MESSAGE_MAX_LENGTH, NARRATIVE_MAX_LENGTH, NARRATIVE_MIN_LENGTH, PLACE_MAX_LENGTH } from '../../common/text-limits';

/**
 * The tip as JSON (documentation only: intake validates it itself so that every problem comes
 * back in the tipster's language). With photos, send the same fields as multipart/form-data
 * (`details[key]` for details, one `photos` part per photo).
 */
export class SubmitTipDto {
  @ApiProperty({ example: 'dealing_point', enum: CATEGORY_CODES }) category!: string;
  @ApiProperty({ description: 'Official commune/ward code (GET /api/v1/localities)', example: '00004' }) locality!: string;
  @ApiProperty({ description: 'When it was seen: YYYY-MM-DD, YYYY-MM-DDTHH:mm (Viet Nam time) or ISO 8601', example: '2026-11-27T21:30' })
  observedAt!: string;
  @ApiProperty({ example: 'Tối nào cũng có người đứng bán ma túy ở quán nước đầu ngõ.', minLength: NARRATIVE_MIN_LENGTH, maxLength: NARRATIVE_MAX_LENGTH }) narrative!: string;
  @ApiPropertyOptional({ example: { frequency: 'daily', timesOfDay: ['evening'] }, description: "Answers to the category's fields (GET /api/v1/categories)", type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ example: 'Quán nước đầu ngõ 12', description: 'Free description of the place', maxLength: PLACE_MAX_LENGTH }) place?: string;
  @ApiPropertyOptional({ description: '{ lat, lng } or "lat, lng"', example: { lat: 21.0285, lng: 105.8542 } }) coordinates?: unknown;
  @ApiPropertyOptional({ example: false }) localPoliceInvolved?: boolean;
  @ApiProperty({ example: 'altcha:eyJjaGFsbGVuZ2UiOnsi…', description: 'Solved GET /api/v1/intake/challenge: "altcha:" + base64(JSON {challenge, solution})' }) proof!: string;
  @ApiPropertyOptional({ example: 'vi', enum: ['vi', 'en'], description: 'Language of error messages (default vi)' }) lang?: string;
}

export class SubmittedTipDto {
  @ApiProperty({ example: 'TL-VY40-GT9T', description: 'The case reference (TL-XXXX-XXXX): names the case, is not a secret.' }) reference!: string;
  @ApiProperty({ example: '4821 0937 5520 1184', description: 'Shown once; only a slow hash is stored' }) receipt!: string;
}

export class ReceiptDto {
  @ApiProperty({ example: '4821 0937 5520 1184' }) receipt!: string;
  @ApiPropertyOptional({ example: 'vi', enum: ['vi', 'en'] }) lang?: string;
  @ApiPropertyOptional({ example: 'altcha:eyJjaGFsbGVuZ2UiOnsi…',
    description:
      'Only after a 429 with details.proofRequired = "receipt" (this address had too many wrong receipts): a solved GET /api/v1/intake/challenge?purpose=receipt (harder), so a tipster sharing the address still gets through',
  })
  proof?: string;
}

export class TipsterMessageDto extends ReceiptDto {
  @ApiProperty({ example: 'Họ thường đến khoảng 8 giờ tối.', maxLength: MESSAGE_MAX_LENGTH }) body!: string;
}

class TipsterUpdateDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T03:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'Tin báo đang được xử lý.' }) text!: string;
  @ApiProperty({ example: 'in_progress' }) code!: string;
}

class TipsterMessageViewDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T03:10:00.000Z' }) at!: string;
  @ApiProperty({ enum: ['officer', 'tipster'], example: 'officer' }) from!: string;
  @ApiProperty({ example: 'Cảm ơn bạn. Bạn có nhớ thời gian người đó thường đến không?' }) body!: string;
}

/** What a tipster sees with the receipt: no officer names, no unit, no internal notes. */
export class TipsterViewDto {
  @ApiProperty({ example: 'TL-VY40-GT9T' }) reference!: string;
  @ApiProperty({ enum: ['received', 'in_progress', 'action_taken', 'closed'], example: 'in_progress' }) status!: string;
  @ApiProperty({ type: [TipsterUpdateDto] }) updates!: TipsterUpdateDto[];
  @ApiProperty({ type: [TipsterMessageViewDto] }) messages!: TipsterMessageViewDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Set once the content was destroyed under the retention policy.' }) contentNote!: string | null;
  @ApiPropertyOptional({ example: '7310 5582 0046 9127', description: 'Once, when the receipt used was one an operator read out: the new receipt that replaces it.' })
  freshReceipt?: string;
}

/** An ALTCHA v2 challenge (solve it for the `proof` field). */
export class ChallengeDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { algorithm: 'SHA-256', nonce: 'f3a9c1d27b4e8a60', salt: '9e1b7c3a5d2f4e6a', cost: 1, keyLength: 32, keyPrefix: '00a3f1c9e7b5d2f8', expiresAt: 1764560400, data: { iat: 1764558600 } },
  })
  parameters!: object;
  @ApiProperty({ example: '5f0c9a1e7d3b2c4a6e8f0a1b3c5d7e9f5f0c9a1e7d3b2c4a6e8f0a1b3c5d7e9f' }) signature!: string;
}
