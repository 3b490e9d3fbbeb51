import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { systemContext } from '../common/request-context';
import { readAdminUnitsDataset } from '../localities/admin-units-dataset';
import { LocalitiesRepository } from '../localities/localities.repository';
import { UnitsRepository } from '../units/units.repository';
import { RoutingRepository } from './routing.repository';
import { buildUnitsSeed } from './units-seed';

export const UNITS_SEED = 'units:seed';

/**
 * Seeds the units, their coverage and the default routing rules (see units-seed.ts) in one
 * transaction. Idempotent: skipped when the seed's digest was already applied; otherwise only
 * missing rows (by their stable ids) are inserted, so an administrator's later changes stay.
 * Audited (`reference_data.imported`) in the same transaction.
 */
export async function seedUnits(ds: DataSource): Promise<{ skipped: boolean; units: number; coverage: number; rules: number }> {
  const seed = buildUnitsSeed(readAdminUnitsDataset());
  const localities = new LocalitiesRepository(ds);
  if ((await localities.importedDigest(UNITS_SEED)) === seed.digest) return { skipped: true, units: 0, coverage: 0, rules: 0 };
  return ds.transaction(async (m) => {
    await localities.lockImport(m, UNITS_SEED);
    // Another process may have applied it while this one waited for the lock: then nothing to do (and no second audit event).
    if ((await localities.importedDigest(UNITS_SEED, m)) === seed.digest) return { skipped: true, units: 0, coverage: 0, rules: 0 };
    const units = new UnitsRepository(ds);
    const { units: u, coverage } = await units.applySeed(m, seed);
    const rules = await new RoutingRepository(ds).applySeedRules(m, seed);
    await localities.markImported(m, UNITS_SEED, seed.digest);
    await AuditService.forDataSource(ds).record(m, systemContext('reference-data'), {
      action: 'reference_data.imported',
      targetType: 'reference_data',
      targetId: UNITS_SEED,
      change: { digest: seed.digest, units: u, coverage, rules },
    });
    return { skipped: false, units: u, coverage, rules };
  });
}
