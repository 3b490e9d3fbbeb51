import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode, httpStatusFor } from './error-codes';
import { CODE_MESSAGES } from './error-messages';

/** OpenAPI form of the documented error body (ErrorBody in error.filter.ts). */
export class ErrorDetailsDto {
  @ApiProperty({ enum: ERROR_CODES, example: 'validation_failed' }) code!: ErrorCode;
  @ApiProperty({ example: 'Yêu cầu không hợp lệ.', description: 'In the caller’s language (Accept-Language; Vietnamese by default).' }) message!: string;
  @ApiPropertyOptional({ example: 'id', description: 'The input at fault, when one is.' }) field?: string;
  @ApiPropertyOptional({
    description: 'A list of field problems (field, reason, message) or, for some codes, an object (e.g. currentVersion, retryAfterSeconds).',
    example: [{ field: 'id', reason: 'isUuid', message: 'id must be a UUID' }],
    oneOf: [{ type: 'array', items: { type: 'object' } }, { type: 'object' }],
  })
  details?: unknown;
  @ApiProperty({ format: 'uuid', example: '0b7c4a52-6f1e-4f0a-9a43-2c8d5e7f9b10', description: 'Quote it when reporting a problem.' }) requestId!: string;
  @ApiPropertyOptional({ format: 'uuid', example: '5e2f8c1d-3b4a-4e6f-8a9b-0c1d2e3f4a5b', description: 'Only on 500: the id of the log line with the cause.' }) errorId?: string;
}

export class ErrorBodyDto {
  @ApiProperty({ type: ErrorDetailsDto }) error!: ErrorDetailsDto;
}

/** The statuses an operation may document as errors. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** Which codes each status carries: from the one status map, so the document cannot drift from it. */
function codesOf(status: number): ErrorCode[] {
  return ERROR_CODES.filter((c) => httpStatusFor(c) === status);
}

/**
 * Documents the error responses of an operation (or of every operation of a controller): each
 * status with the error body, the codes it may carry and an example of the first.
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => {
      const codes = codesOf(status);
      const code = codes[0] ?? 'validation_failed';
      return ApiResponse({
        status,
        type: ErrorBodyDto,
        description: `Error body; code: ${codes.join(', ')}.`,
        example: { error: { code, message: CODE_MESSAGES[code].vi, requestId: '0b7c4a52-6f1e-4f0a-9a43-2c8d5e7f9b10' } },
      });
    }),
  );
}

/** Every staff route: no session (401), not the role, a CSRF failure or a password to change first (403). */
export const ApiStaffErrors = (): MethodDecorator & ClassDecorator => ApiErrors(401, 403);
