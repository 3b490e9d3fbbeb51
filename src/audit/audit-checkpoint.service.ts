import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { MetricsService } from '../metrics/metrics.service';
import { checkpointHash, GENESIS_HASH } from './audit-canonical';
import { AUDIT_SIGNING_KEY } from './audit-keys';
import { AuditSigningKey } from './audit-signing-key';
import { AuditVerifyService } from './audit-verify.service';
import { AuditWitnesses } from './audit-witnesses.service';
import { AuditRepository, IncidentRow, StoredCheckpoint } from './audit.repository';
import { AuditService } from './audit.service';

export { AUDIT_SIGNING_KEY } from './audit-keys';

export interface CheckpointOutcome {
  made: boolean;
  /** The checkpoint made, or the latest one when none was needed. */
  checkpoint: StoredCheckpoint | null;
  reason?: 'no_events' | 'unchanged' | 'too_soon' | 'busy' | 'incident';
  /** When reason is 'incident': the open incident that blocks signing. */
  incident?: { id: string; kind: string; position: string | null; reason: string };
}

/**
 * Signed checkpoints of the chain head, never blind: before signing, the chain is verified from
 * the newest witness entry (the last witnessed checkpoint, or an auditor's acknowledgement); if it
 * does not verify, nothing is signed, an incident is raised (metric, log line, incident record,
 * witness line, e-mail) and every later attempt fails until an auditor acknowledges it.
 *
 * Made on demand (audit:checkpoint) and every AUDIT_CHECKPOINT_INTERVAL_MINUTES while events
 * arrive, by whichever instance gets there first (a transaction-scoped advisory lock).
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Audit');
  private timer?: NodeJS.Timeout;
  private readonly incidentsTotal?: Counter;
  private readonly blocked?: Gauge;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: AuditSigningKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly verifier: AuditVerifyService,
    private readonly witnesses: AuditWitnesses,
    private readonly audit: AuditService,
    @Optional() metrics?: MetricsService,
  ) {
    if (metrics) {
      this.incidentsTotal = new Counter({ name: 'audit_incidents_total', help: 'Audit incidents raised: the chain did not verify before signing', registers: [metrics.registry] });
      this.blocked = new Gauge({ name: 'audit_checkpoints_blocked', help: '1 while an open audit incident stops checkpoint signing', registers: [metrics.registry] });
    }
  }

  get signingKeyId(): string {
    return this.key.keyId;
  }

  /**
   * Verifies from the last witness entry, then signs the verified head unless it is already
   * checkpointed. With `minIntervalMs`, also skips when the latest checkpoint is younger than that.
   */
  async checkpoint(options: { minIntervalMs?: number } = {}): Promise<CheckpointOutcome> {
    const made = await this.repo.transaction(async (m): Promise<CheckpointOutcome & { entry?: StoredCheckpoint }> => {
      if (!(await this.repo.tryCheckpointLock(m))) return { made: false, checkpoint: null, reason: 'busy' };
      const latest = await this.repo.latestCheckpoint(m);
      const head = await this.repo.head(m);
      if (!head) return { made: false, checkpoint: latest, reason: 'no_events' };
      if (latest && latest.seq === head.seq && latest.headHash === head.hash && !this.witnesses.file.last()?.type.startsWith('incident')) {
        return { made: false, checkpoint: latest, reason: 'unchanged' };
      }
      const at = await this.repo.now(m);
      if (options.minIntervalMs && latest && Date.parse(at) - Date.parse(latest.at) < options.minIntervalMs) {
        return { made: false, checkpoint: latest, reason: 'too_soon' };
      }
      const checked = await this.verifier.verifyFromWitness();
      if (!checked.ok) {
        const incident = checked.blockedBy ? await this.openIncident(checked.blockedBy) : await this.raiseIncident(checked.failure, head);
        this.blocked?.set(1);
        this.log.error({ incidentId: incident.id, kind: incident.kind, position: incident.position }, `audit checkpoint NOT signed: ${incident.reason}`);
        return { made: false, checkpoint: latest, reason: 'incident', incident };
      }
      this.blocked?.set(0);
      if (checked.latest && checked.latest.seq === checked.seq) return { made: false, checkpoint: checked.latest, reason: 'unchanged' };
      // sign exactly what was verified, and only if it is still the stored link
      if ((await this.repo.linkAt(checked.seq, m)) !== checked.headHash) return { made: false, checkpoint: latest, reason: 'busy' };
      const fields = { seq: checked.seq, headHash: checked.headHash, at, keyId: this.key.keyId, prevHash: checked.latest ? checkpointHash(checked.latest) : GENESIS_HASH };
      const row = { ...fields, publicKey: this.key.publicKeyBase64, signature: this.key.sign(fields) };
      const id = await this.repo.insertCheckpoint(m, row);
      const stored = { ...row, id };
      // witnessed before COMMIT, under the checkpoint lock: the file's order is the checkpoints' order
      this.witnesses.write({ type: 'checkpoint', ...stored });
      this.log.log({ checkpointId: id, seq: fields.seq, keyId: this.key.keyId }, 'audit checkpoint signed and witnessed');
      return { made: true, checkpoint: stored, entry: stored };
    });
    if (made.entry) await this.witnesses.notify({ type: 'checkpoint', ...made.entry });
    const { entry: _e, ...outcome } = made;
    return outcome;
  }

  private async openIncident(id: string): Promise<CheckpointOutcome['incident'] & object> {
    const row = await this.repo.incidentById(id);
    const last = this.witnesses.file.last();
    const reason = row?.reason ?? (last?.type === 'incident' ? last.reason : 'see the witness file');
    return { id, kind: row?.kind ?? (last?.type === 'incident' ? last.kind : 'unknown'), position: row?.position ?? null, reason: `incident ${id} is still open: ${reason}` };
  }

  private async raiseIncident(failure: { kind: string; position: string; reason: string }, head: { seq: string; hash: string }) {
    const row = await this.repo.insertIncident({ kind: failure.kind, position: failure.position, reason: failure.reason, headSeq: head.seq, headHash: head.hash });
    const entry = { type: 'incident' as const, incidentId: row.id, kind: row.kind, position: row.position, reason: row.reason, headSeq: row.headSeq, at: row.detectedAt };
    this.witnesses.write(entry);
    this.incidentsTotal?.inc();
    await this.witnesses.notify(entry);
    return { id: row.id, kind: row.kind, position: row.position, reason: row.reason };
  }

  incidents(): Promise<IncidentRow[]> {
    return this.repo.incidents();
  }

  /**
   * An auditor's decision on an open incident: recorded with who and why (in the incident, in the
   * chain and in the witness). Checkpoints resume from the head as it is now; the verifier keeps
   * reporting the damage, which an acknowledgement does not repair.
   */
  async acknowledgeIncident(ctx: RequestContext, id: string, by: string, reason: string): Promise<IncidentRow> {
    const text = String(reason ?? '').trim();
    if (text.length < 10) throw new ValidationFailed([{ field: 'reason', reason: 'too_short', message: 'Say what was found and decided (at least 10 characters).' }]);
    if (!/^\d{1,18}$/.test(id)) throw new NotFound('The incident');
    const last = this.witnesses.file.last();
    const witnessedOpen = last?.type === 'incident' && last.incidentId === id;
    return this.repo.transaction(async (m) => {
      const row = await this.repo.incidentById(id, m);
      if (!row && !witnessedOpen) throw new NotFound('The incident');
      if (row?.acknowledgedAt && !witnessedOpen) throw new DomainError('conflict', 'This incident was already acknowledged.');
      const head = await this.repo.head(m);
      if (row) await this.repo.acknowledgeIncident(m, id, by, text);
      await this.audit.record(m, ctx, { action: 'audit.incident_acknowledged', targetType: 'audit_incident', targetId: id, unitId: null, change: { reason: text, headSeq: head?.seq ?? '0' } });
      this.witnesses.write({ type: 'acknowledgement', incidentId: id, by, reason: text, headSeq: head?.seq ?? '0', headHash: head?.hash ?? GENESIS_HASH, at: new Date().toISOString() });
      const updated = await this.repo.incidentById(id, m);
      return updated ?? { id, detectedAt: '', kind: 'unknown', position: null, reason: 'missing from the database', headSeq: '0', headHash: null, acknowledgedAt: new Date().toISOString(), acknowledgedBy: by, acknowledgement: text };
    });
  }

  /** Exported checkpoints, oldest first, in pages (for JSON lines an outsider keeps). */
  async *checkpoints(since?: Date): AsyncGenerator<StoredCheckpoint[]> {
    let after = '0';
    for (;;) {
      const page = await this.repo.checkpointsAfter(after, 1000, since);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].id;
    }
  }

  onApplicationBootstrap(): void {
    this.log.log({ keyId: this.key.keyId, witness: this.witnesses.file.file }, `audit checkpoints are signed with ${this.key.source}`);
    const minutes = this.config.AUDIT_CHECKPOINT_INTERVAL_MINUTES;
    if (!minutes) return;
    const interval = minutes * 60_000;
    this.timer = setInterval(() => {
      // 90%: a tick slightly early on another instance must not skip a whole interval
      this.checkpoint({ minIntervalMs: interval * 0.9 }).catch((e: unknown) =>
        this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'periodic audit checkpoint failed'),
      );
    }, interval);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
