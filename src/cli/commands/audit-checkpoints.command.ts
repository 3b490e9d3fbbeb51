import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditCheckpointService } from '../../audit/audit-checkpoint.service';

/** JSON lines an outside party can keep and later pass to `audit:verify --checkpoints <file>`. */
@Command({ name: 'audit:checkpoints', description: 'Export signed audit checkpoints as JSON lines (stdout)' })
export class AuditCheckpointsCommand extends CommandRunner {
  constructor(private readonly checkpoints: AuditCheckpointService) {
    super();
  }

  async run(_: string[], options: { since?: Date }): Promise<void> {
    for await (const page of this.checkpoints.checkpoints(options.since)) {
      process.stdout.write(page.map((c) => JSON.stringify(c)).join('\n') + '\n');
    }
  }

  @Option({ flags: '--since <iso-date>', description: 'only checkpoints made at or after this time' })
  parseSince(value: string): Date {
    const d = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) throw new Error(`--since must be an ISO date, e.g. 2026-01-31 (got ${value})`);
    return d;
  }
}
