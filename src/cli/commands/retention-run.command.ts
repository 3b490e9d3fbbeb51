import { Command, CommandRunner } from 'nest-commander';
import { startProgress } from '../progress';
import { systemContext } from '../../common/request-context';
import { RetentionService } from '../../retention/retention.service';

@Command({ name: 'retention:run', description: 'Destroy the content (data keys) of closed cases whose retention expired' })
export class RetentionRunCommand extends CommandRunner {
  constructor(private readonly retention: RetentionService) {
    super();
  }

  async run(): Promise<void> {
    let bar: ReturnType<typeof startProgress> | undefined;
    let result;
    try {
      result = await this.retention.run(systemContext('cli:retention:run'), new Date(), {
        onStart: (candidates) => (bar = startProgress('examining closed cases', candidates)),
        onPage: (n) => bar?.increment(n),
      });
    } finally {
      bar?.stop();
    }
    if (!result.ran) {
      process.stdout.write('another instance is running retention right now; nothing done\n');
      process.exitCode = 2;
      return;
    }
    process.stdout.write(`examined ${result.examined} closed case(s), destroyed the content of ${result.purged}\n`);
  }
}
