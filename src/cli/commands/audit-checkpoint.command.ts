import { Command, CommandRunner } from 'nest-commander';
import { AuditCheckpointService } from '../../audit/audit-checkpoint.service';

@Command({ name: 'audit:checkpoint', description: 'Sign a checkpoint of the audit chain head now' })
export class AuditCheckpointCommand extends CommandRunner {
  constructor(private readonly checkpoints: AuditCheckpointService) {
    super();
  }

  async run(): Promise<void> {
    const out = await this.checkpoints.checkpoint();
    const c = out.checkpoint;
    if (out.made && c) {
      process.stdout.write(`checkpoint ${c.id}: ${c.seq} events, head ${c.headHash}, signed by key ${c.keyId} at ${c.at}\n`);
    } else if (out.reason === 'incident' && out.incident) {
      process.stderr.write(`NOT SIGNED: audit incident ${out.incident.id} (${out.incident.kind}): ${out.incident.reason}\nAn auditor must acknowledge it: npm run cli -- audit:acknowledge-incident --incident ${out.incident.id} --auditor NAME --reason TEXT\n`);
      process.exitCode = 2;
    } else if (out.reason === 'busy') {
      process.stderr.write('another instance is making a checkpoint right now; try again\n');
      process.exitCode = 1;
    } else if (c) {
      process.stdout.write(`no new events since checkpoint ${c.id} (${c.seq} events)\n`);
    } else {
      process.stdout.write('the audit trail has no events yet: nothing to checkpoint\n');
    }
  }
}
