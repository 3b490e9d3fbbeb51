import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { Ctx, RequestContext } from '../common/request-context';
import { AuditVerifyService } from './audit-verify.service';
import { AuditService } from './audit.service';


@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly verifier: AuditVerifyService,
    private readonly audit: AuditService,
  ) {}

  @Get('verify')
  @Roles('auditor')
  @ApiOkResponse({ description: 'Either { ok: true, events, lastCheckpoint } or { ok: false, position, kind, reason }.' })
  verify() {
    return this.verifier.verify();
  }

  @Get('cases/:caseId/proof')
  @Roles('auditor')
  @ApiOkResponse({ description: "The case's audit events with the link digests that tie them to signed checkpoints." })
  async caseProof(@Param('caseId', new UuidPipe()) caseId: string, @Ctx() ctx: RequestContext) {
    const proof = await this.verifier.caseProof(caseId.toLowerCase());
    // an auditor reading a case's history is itself on the record (under the audit target, not the case's)
    await this.audit.recordStandalone(ctx, { action: 'audit.case_proof_read', targetType: 'audit_proof', targetId: caseId.toLowerCase() });
    return proof;
  }
}
