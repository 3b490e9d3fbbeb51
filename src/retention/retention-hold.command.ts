import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '../common/errors/domain-error';
import { systemContext } from '../common/request-context';
import { RetentionService } from './retention.service';

@Command({
  name: 'retention:hold',
  arguments: '<reference>',
  description: 'Put a case on legal hold (retention never destroys its content) or, with --release, lift the hold',
})
export class RetentionHoldCommand extends CommandRunner {
  constructor(private readonly retention: RetentionService) {
    super();
  }

  @Option({ flags: '--release', description: 'lift the legal hold instead' })
  parseRelease(): boolean {
    return true;
  }

  async run([reference]: string[], options: { release?: boolean }): Promise<void> {
    const hold = options.release !== true;
    let r;
    try {
      r = await this.retention.setLegalHold(systemContext('cli:retention:hold'), reference, hold);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      process.stderr.write(`retention:hold failed: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    const state = hold ? 'on legal hold' : 'no longer on legal hold';
    process.stdout.write(`case ${r.reference} is ${state}${r.changed ? '' : ' (unchanged)'}\n`);
  }
}
