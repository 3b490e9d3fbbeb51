import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { seedUnits } from './units-seed-loader';

@Command({ name: 'units:seed', description: 'Seed units, coverage and default routing rules (Bắc Ninh 2025, Bắc Giang legacy; idempotent)' })
export class UnitsSeedCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  async run(): Promise<void> {
    const r = await seedUnits(this.ds);
    process.stdout.write(
      r.skipped ? 'units: already seeded\n' : `units: ${r.units} unit(s), ${r.coverage} coverage row(s), ${r.rules} rule(s) added\n`,
    );
  }
}
