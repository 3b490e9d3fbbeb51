import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { Progress, startProgress } from '../progress';
import { importLocalities } from '../../localities/localities-import';

@Command({ name: 'localities:import', description: 'Import the administrative units from data/vn-admin-units (idempotent)' })
export class LocalitiesImportCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  async run(_: string[], options: { force?: boolean }): Promise<void> {
    let bar: Progress | undefined;
    const r = await importLocalities(this.ds, {
      force: options.force,
      onStart: (total) => (bar = startProgress('localities', total)),
      onProgress: (n) => bar?.increment(n),
    });
    bar?.stop();
    process.stdout.write(
      r.skipped
        ? `localities: already up to date (${r.localities} localities, ${r.successors} successor links)\n`
        : `localities: ${r.changed} row(s) written in ${Math.round(r.ms)} ms (${r.localities} localities, ${r.successors} successor links)\n`,
    );
  }

  @Option({ flags: '--force', description: 'compare every row even if the data files did not change' })
  parseForce(): boolean {
    return true;
  }
}
