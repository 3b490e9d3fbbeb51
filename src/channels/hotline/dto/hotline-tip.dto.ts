import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_CODES } from '../../../categories/category-codes';
import { NARRATIVE_MAX_LENGTH, NARRATIVE_MIN_LENGTH, PLACE_MAX_LENGTH } from '../../../common/text-limits';

/**
 * A tip taken by the hotline (documentation; the adapter validates it itself so that every
 * problem comes back in the caller's language). There is NO field for the caller's number:
 * any field that could carry one (callerNumber, phone, msisdn, ani, …) is refused with 400
 * `caller_number_refused`, and its value is neither read, stored nor logged.
 */
export class HotlineTipDto {
  @ApiProperty({ example: 'dealing_point', enum: CATEGORY_CODES }) category!: string;
  @ApiProperty({ description: 'Official commune/ward code (GET /api/v1/localities)', example: '07228' }) locality!: string;
  @ApiProperty({ description: 'When it was seen: YYYY-MM-DD, YYYY-MM-DDTHH:mm (Viet Nam time) or ISO 8601', example: '2026-11-27T21:30' })
  observedAt!: string;
  @ApiProperty({ example: 'Người gọi thấy hai người bán ma túy ở quán nước đầu ngõ vào buổi tối.', minLength: NARRATIVE_MIN_LENGTH, maxLength: NARRATIVE_MAX_LENGTH, description: "The caller's account, as the operator took it down" }) narrative!: string;
  @ApiPropertyOptional({ example: { frequency: 'daily', timesOfDay: ['evening'] }, type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ example: 'Quán nước đầu ngõ 12', maxLength: PLACE_MAX_LENGTH }) place?: string;
  @ApiPropertyOptional({ example: { lat: 21.0285, lng: 105.8542 } }) coordinates?: unknown;
  @ApiPropertyOptional({ example: false }) localPoliceInvolved?: boolean;
  @ApiPropertyOptional({
    description: "The call centre's own operator id (1–64 of A-Z a-z 0-9 . _ -). Required unless a hotline_operator staff session (Authorization: Bearer) files the tip.",
    example: 'op-17',
  })
  operatorId?: string;
  @ApiPropertyOptional({ example: 'vi', enum: ['vi', 'en'], description: 'Language of error messages (default vi)' }) lang?: string;
}

export class HotlineTipAcceptedDto {
  @ApiProperty({ example: 'TL-VY40-GT9T', description: 'The case reference (TL-XXXX-XXXX).' }) reference!: string;
  @ApiProperty({ example: '4821 0937 5520 1184', description: 'Read it out to the caller. Only a slow hash is stored.' }) receipt!: string;
  @ApiProperty({ example: 'bốn tám hai một, không chín ba bảy, năm năm hai không, một một tám bốn', description: 'The receipt in Vietnamese words, digit by digit' })
  readOut!: string;
  @ApiProperty({ example: true, description: 'The operator heard the receipt: the first time the caller uses it, they are given a fresh one.' })
  freshReceiptOnFirstUse!: boolean;
}
