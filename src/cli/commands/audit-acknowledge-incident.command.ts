import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditCheckpointService } from '../../audit/audit-checkpoint.service';
import { DomainError } from '../../common/errors/domain-error';
import { systemContext } from '../../common/request-context';

interface Options {
  incident?: string;
  reason?: string;
  auditor?: string;
}

/** An auditor's decision on an open audit incident; checkpoints resume from the current head. */
@Command({ name: 'audit:acknowledge-incident', description: 'Acknowledge an open audit incident (an auditor, with a reason): checkpoint signing resumes' })
export class AuditAcknowledgeIncidentCommand extends CommandRunner {
  constructor(private readonly checkpoints: AuditCheckpointService) {
    super();
  }

  @Option({ flags: '--incident <id>', description: 'the incident id (see the alarm, or GET /api/v1/audit/incidents)' })
  parseIncident(v: string): string {
    return v;
  }

  @Option({ flags: '--reason <text>', description: 'what was found and decided (at least 10 characters)' })
  parseReason(v: string): string {
    return v;
  }

  @Option({ flags: '--auditor <name>', description: 'who decides (recorded with the acknowledgement)' })
  parseAuditor(v: string): string {
    return v;
  }

  async run(_: string[], options: Options): Promise<void> {
    const missing = (['incident', 'reason', 'auditor'] as const).filter((k) => !options[k]);
    if (missing.length > 0) {
      process.stderr.write(`audit:acknowledge-incident needs ${missing.map((m) => `--${m}`).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    try {
      const row = await this.checkpoints.acknowledgeIncident(systemContext(`cli:audit:acknowledge-incident:${options.auditor}`), options.incident!, `cli:${options.auditor}`, options.reason!);
      process.stdout.write(`incident ${row.id} acknowledged by ${options.auditor}; checkpoints resume from the current head\n`);
    } catch (e) {
      if (e instanceof DomainError) {
        process.stderr.write(`audit:acknowledge-incident failed: ${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      throw e;
    }
  }
}
