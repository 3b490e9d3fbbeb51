import { Command, CommandRunner, Option } from 'nest-commander';
import { systemContext } from '../../common/request-context';
import { startProgress } from '../progress';
import { KeyRotationService } from '../../crypto/key-rotation.service';

@Command({
  name: 'keys:rotate',
  description: 'Re-wrap every data key under the newest master key (resumable; safe while the app serves)',
})
export class KeysRotateCommand extends CommandRunner {
  constructor(private readonly rotation: KeyRotationService) {
    super();
  }

  @Option({ flags: '--batch-size <n>', description: 'data keys per transaction (default 1000)' })
  parseBatchSize(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 100000) throw new Error('--batch-size must be an integer from 1 to 100000');
    return n;
  }

  async run(_: string[], options: { batchSize?: number }): Promise<void> {
    let bar: ReturnType<typeof startProgress> | undefined;
    let result;
    try {
      result = await this.rotation.rotate(systemContext('cli:keys:rotate'), {
        batchSize: options.batchSize,
        onStart: (pending) => (bar = startProgress('re-wrapping data keys', pending)),
        onBatch: (n) => bar?.increment(n),
      });
    } finally {
      bar?.stop();
    }
    process.stdout.write(
      `data keys re-wrapped under master key ${result.masterKeyId}: ${result.rewrapped}` +
        (result.remaining > 0 ? ` (${result.remaining} still on an older key: run keys:rotate again)` : '') +
        '\n',
    );
    if (result.remaining > 0) process.exitCode = 2;
  }
}
