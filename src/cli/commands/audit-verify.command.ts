import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditVerifyService } from '../../audit/audit-verify.service';
import type { CheckpointRecord } from '../../audit/audit-verifier';
import { startProgress } from '../progress';

/** Checkpoints from an exported JSON-lines file, a page at a time. */
async function* checkpointsFromFile(file: string): AsyncGenerator<CheckpointRecord[]> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let page: CheckpointRecord[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    page.push(JSON.parse(line) as CheckpointRecord);
    if (page.length >= 1000) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

@Command({ name: 'audit:verify', description: 'Recompute every audit link and check every signed checkpoint' })
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly verifier: AuditVerifyService) {
    super();
  }

  async run(_: string[], options: { checkpoints?: string; trust?: string[] }): Promise<void> {
    const total = await this.verifier.countEvents();
    const bar = startProgress('verifying audit trail', total);
    const result = await this.verifier
      .verify({
        checkpoints: options.checkpoints ? checkpointsFromFile(options.checkpoints) : undefined,
        trustedKeyIds: options.trust ? new Set(options.trust) : undefined,
        onEvents: (n) => bar.increment(n),
      })
      .finally(() => bar.stop());
    if (result.ok) {
      const cp = result.lastCheckpoint ? `checkpoint ${result.lastCheckpoint.id} (event ${result.lastCheckpoint.seq})` : 'no checkpoint yet';
      process.stdout.write(`valid up to event ${result.events}, ${cp}; ${result.checkpoints} checkpoint(s) verified\n`);
    } else {
      const cp = result.lastCheckpoint ? `checkpoint ${result.lastCheckpoint.id}` : 'no checkpoint';
      process.stdout.write(`INVALID at event ${result.position} (${result.kind}): ${result.reason}\n`);
      process.stdout.write(`valid up to event ${result.validUpTo}, ${cp}\n`);
      process.exitCode = 2;
    }
  }

  @Option({ flags: '--checkpoints <file>', description: 'verify against checkpoints exported earlier (JSON lines) instead of the database copies' })
  parseCheckpoints(value: string): string {
    return value;
  }

  @Option({ flags: '--trust <keyIds>', description: 'comma-separated key ids; checkpoints signed by other keys fail' })
  parseTrust(value: string): string[] {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
}
