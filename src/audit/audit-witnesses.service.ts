import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { MailService } from '../mail/mail.service';
import { AuditWitnessFile, WitnessEntry, witnessDir } from './audit-witness';

/**
 * The witnesses of the audit trail outside the database: the append-only file (always), e-mail to
 * the auditors (AUDIT_WITNESS_EMAILS with SMTP_URL) and an HTTP endpoint (AUDIT_WITNESS_URL).
 */
@Injectable()
export class AuditWitnesses {
  private readonly log = new Logger('Audit');
  readonly file: AuditWitnessFile;
  private readonly emails: string[];
  private readonly url?: string;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'AUDIT_WITNESS_DIR' | 'EMBEDDED_PG_DIR' | 'AUDIT_WITNESS_EMAILS' | 'AUDIT_WITNESS_URL'>,
    @Optional() private readonly mail?: MailService,
  ) {
    this.file = new AuditWitnessFile(witnessDir(config));
    this.emails = config.AUDIT_WITNESS_EMAILS.split(',').map((s) => s.trim()).filter(Boolean);
    this.url = config.AUDIT_WITNESS_URL;
  }

  /** Writes the entry to the witness file (throws if it cannot: the caller must not go on as if witnessed). */
  write(entry: WitnessEntry): void {
    this.file.append(entry);
  }

  /** Sends the entry to the e-mail and HTTP witnesses; failures are logged, never thrown. */
  async notify(entry: WitnessEntry): Promise<void> {
    const tasks: Promise<unknown>[] = [];
    if (this.mail?.enabled && this.emails.length > 0) {
      tasks.push(
        this.mail.send({ to: this.emails, subject: subjectOf(entry), text: `${describe(entry)}\n\n${JSON.stringify(entry, null, 2)}\n` }).catch((e: unknown) =>
          this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'audit witness e-mail failed'),
        ),
      );
    }
    if (this.url) {
      tasks.push(
        fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry), signal: AbortSignal.timeout(10_000) })
          .then((r) => {
            if (!r.ok) throw new Error(`HTTP ${r.status}`);
          })
          .catch((e: unknown) => this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'audit witness endpoint failed')),
      );
    }
    await Promise.all(tasks);
  }
}

function subjectOf(e: WitnessEntry): string {
  switch (e.type) {
    case 'checkpoint':
      return `tipline audit checkpoint ${e.id}: ${e.seq} events`;
    case 'incident':
      return `tipline AUDIT INCIDENT ${e.incidentId}: the audit trail did not verify; checkpoints have stopped`;
    case 'acknowledgement':
      return `tipline audit incident ${e.incidentId} acknowledged by ${e.by}`;
  }
}

function describe(e: WitnessEntry): string {
  switch (e.type) {
    case 'checkpoint':
      return `Checkpoint ${e.id} signs ${e.seq} events, head ${e.headHash}, at ${e.at} (key ${e.keyId}). Keep this message: audit:verify --checkpoints can check the trail against it.`;
    case 'incident':
      return `Before signing a checkpoint the audit trail was verified from the last witnessed checkpoint and it FAILED (${e.kind} at event ${e.position ?? '-'}): ${e.reason}\nNo checkpoint will be signed until an auditor acknowledges incident ${e.incidentId} (npm run cli -- audit:acknowledge-incident, or POST /api/v1/audit/incidents/${e.incidentId}/acknowledge).`;
    case 'acknowledgement':
      return `Incident ${e.incidentId} was acknowledged by ${e.by} at ${e.at}: ${e.reason}\nCheckpoints resume from event ${e.headSeq}.`;
  }
}
