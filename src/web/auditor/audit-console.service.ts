import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CaseProof, CaseProofResult, verifyCaseProof } from '../../audit/audit-case-proof';
import { AuditCheckpointService } from '../../audit/audit-checkpoint.service';
import type { CheckpointRecord } from '../../audit/audit-verifier';
import { AuditVerifyService, VerifyReport } from '../../audit/audit-verify.service';
import { AuditService } from '../../audit/audit.service';
import { CASE_REFERENCE_PATTERN } from '../../cases/case-reference';
import { CasesService } from '../../cases/cases.service';
import type { RequestContext } from '../../common/request-context';


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the proof form's text names: a case id, or why it names none. */
export type CaseLookup = { caseId: string } | { problem: 'missing' | 'format' | 'no_case' };

/**
 * The auditor pages' work, through the audit services: the full verification, the checkpoints
 * (listed and exported as the CLI's JSON lines), and a case's proof with its own check.
 */
@Injectable()
export class AuditConsoleService {
  constructor(
    private readonly verifier: AuditVerifyService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
  ) {}

  /** The whole trail against the witness (as GET /api/v1/audit/verify and audit:verify). */
  verify(): Promise<VerifyReport> {
    return this.verifier.verify();
  }

  /** Checkpoints made since `since`: how many, and the newest `limit` of them, newest first. */
  async recentCheckpoints(since: Date, limit: number): Promise<{ total: number; newest: CheckpointRecord[] }> {
    let total = 0;
    let kept: CheckpointRecord[] = [];
    for await (const page of this.checkpoints.checkpoints(since)) {
      total += page.length;
      kept = [...kept, ...page].slice(-limit);
    }
    return { total, newest: kept.reverse() };
  }

  /** The checkpoints since `since` (all without it) as JSON lines, oldest first: the audit:checkpoints output. */
  checkpointLines(since?: Date): Readable {
    const pages = this.checkpoints.checkpoints(since);
    return Readable.from(
      (async function* () {
        for await (const page of pages) yield page.map((c) => `${JSON.stringify(c)}\n`).join('');
      })(),
    );
  }

  /** A case reference (TL-XXXX-XXXX, any case) or a case id, as the auditor typed it. */
  async lookUpCase(input: string): Promise<CaseLookup> {
    const text = input.trim();
    if (text === '') return { problem: 'missing' };
    if (UUID.test(text)) return { caseId: text.toLowerCase() };
    const reference = text.toUpperCase();
    if (!CASE_REFERENCE_PATTERN.test(reference)) return { problem: 'format' };
    const caseId = await this.cases.idForReference(reference);
    return caseId ? { caseId } : { problem: 'no_case' };
  }

  /**
   * The case's proof and its check with the keys this server trusts. Reading it is on the record
   * (`audit.case_proof_read`, as in the API).
   */
  async proof(ctx: RequestContext, caseId: string): Promise<{ proof: CaseProof; check: CaseProofResult }> {
    const proof = await this.verifier.caseProof(caseId);
    await this.audit.recordStandalone(ctx, { action: 'audit.case_proof_read', targetType: 'audit_proof', targetId: caseId });
    return { proof, check: verifyCaseProof(proof, { trustedKeyIds: this.verifier.defaultTrustedKeyIds }) };
  }
}
