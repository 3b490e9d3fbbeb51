import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Challenge } from 'altcha-lib';
import { Public } from '../auth/auth.decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { AbuseService } from './abuse.service';
import { ChallengeDto } from './dto/submit-tip.dto';

@ApiTags('public')
@Controller('api/v1/intake')
export class ChallengeController {
  constructor(private readonly abuse: AbuseService) {}

  @Public()
  @Get('challenge')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A proof-of-work challenge (ALTCHA v2, SHA-256) for POST /api/v1/tips',
    description:
      'Solve it (find the counter whose SHA-256(salt‖nonce‖counter as uint32 BE) starts with keyPrefix) and send ' +
      '`proof: "altcha:" + base64(JSON.stringify({ challenge, solution: { counter, derivedKey } }))`. Single use; expires.',
  })
  @ApiQuery({ name: 'purpose', required: false, enum: ['tip', 'receipt'], description: '`receipt`: a harder challenge for a receipt look-up after a 429 with proofRequired' })
  @ApiOkResponse({ type: ChallengeDto, description: 'ALTCHA v2 challenge { parameters, signature }' })
  @ApiErrors(429)
  challenge(@Query('purpose') purpose?: unknown): Promise<Challenge> {
    return this.abuse.challenge(purpose === 'receipt' ? 'receipt' : 'tip');
  }
}
