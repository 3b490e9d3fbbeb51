import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { AuditIncidentDto, AuditIncidentPageDto, AuditVerifyReportDto, CaseProofDto } from './dto/audit-responses.dto';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { Ctx, RequestContext } from '../common/request-context';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditVerifyService } from './audit-verify.service';
import { AuditService } from './audit.service';
import { AcknowledgeIncidentDto } from './dto/acknowledge-incident.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly verifier: AuditVerifyService,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Get('verify')
  @Roles('auditor')
  @ApiOkResponse({
    type: AuditVerifyReportDto,
    description:
      'Verified against the witness file: { ok: true, events, covered, uncovered: { events, oldestSeq, oldestAt }, uncoveredAgeSeconds, stale } or { ok: false, kind, position, firstBad, lastGood, reason }.',
  })
  verify() {
    return this.verifier.verify();
  }

  @Get('incidents')
  @Roles('auditor')
  @ApiOperation({ summary: 'Audit incidents (failed verifications before signing), newest first' })
  @ApiOkResponse({ type: AuditIncidentPageDto })
  async incidents() {
    return { items: await this.checkpoints.incidents(), nextCursor: null };
  }

  @Post('incidents/:id/acknowledge')
  @Roles('auditor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an open incident with a reason: checkpoints resume from the current head' })
  @ApiOkResponse({ type: AuditIncidentDto })
  @ApiErrors(400, 404, 409)
  acknowledge(@Ctx() ctx: RequestContext, @CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: AcknowledgeIncidentDto) {
    return this.checkpoints.acknowledgeIncident(ctx, id, `staff:${staff.username}`, body.reason);
  }

  @Get('cases/:caseId/proof')
  @Roles('auditor')
  @ApiErrors(400)
  @ApiOkResponse({ type: CaseProofDto, description: "The case's audit events with the link digests that tie them to signed checkpoints; events no checkpoint covers yet are listed as unanchored." })
  async caseProof(@Param('caseId', new UuidPipe()) caseId: string, @Ctx() ctx: RequestContext) {
    const proof = await this.verifier.caseProof(caseId.toLowerCase());
    // an auditor reading a case's history is itself on the record (under the audit target, not the case's)
    await this.audit.recordStandalone(ctx, { action: 'audit.case_proof_read', targetType: 'audit_proof', targetId: caseId.toLowerCase() });
    return proof;
  }
}
