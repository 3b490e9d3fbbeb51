import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { systemContext } from '../common/request-context';
import { readAdminUnitsDataset } from './admin-units-dataset';
import { LocalitiesRepository } from './localities.repository';

export const LOCALITIES_IMPORT = 'localities:vn-admin-units';

export interface ImportResult {
  skipped: boolean;
  changed: number;
  localities: number;
  successors: number;
  ms: number;
}

/**
 * Loads data/vn-admin-units into localities and locality_successors in one transaction.
 * Idempotent: when the files' digest equals the one recorded at the last import, nothing is
 * written at all (no row, no trigger); otherwise an upsert touches only rows that differ.
 */
export async function importLocalities(
  ds: DataSource,
  options: { force?: boolean; onStart?: (total: number) => void; onProgress?: (n: number) => void; dir?: string } = {},
): Promise<ImportResult> {
  const started = performance.now();
  const repo = new LocalitiesRepository(ds);
  const data = readAdminUnitsDataset(options.dir);
  if (!options.force && (await repo.importedDigest(LOCALITIES_IMPORT)) === data.digest) {
    const c = await repo.counts();
    return { skipped: true, changed: 0, ...c, ms: performance.now() - started };
  }
  options.onStart?.(data.localities.length + data.successors.length);
  const changed = await ds.transaction(async (m) => {
    await repo.lockImport(m, LOCALITIES_IMPORT);
    // Another process may have imported it while this one waited for the lock: then nothing to do (and no second audit event).
    if (!options.force && (await repo.importedDigest(LOCALITIES_IMPORT, m)) === data.digest) return null;
    const n = await repo.upsertDataset(m, data, options.onProgress ?? (() => undefined));
    await repo.markImported(m, LOCALITIES_IMPORT, data.digest);
    await AuditService.forDataSource(ds).record(m, systemContext('reference-data'), {
      action: 'reference_data.imported',
      targetType: 'reference_data',
      targetId: LOCALITIES_IMPORT,
      change: { digest: data.digest, rowsWritten: n, force: options.force === true },
    });
    return n;
  });
  const c = await repo.counts();
  return { skipped: changed === null, changed: changed ?? 0, ...c, ms: performance.now() - started };
}
