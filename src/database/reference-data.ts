import type { DataSource } from 'typeorm';
import { importLocalities } from '../localities/localities-import';
import { seedUnits } from '../routing/units-seed-loader';

/**
 * Loads the reference data a new installation needs (localities, units, routing rules...).
 * Each loader is idempotent: running it on a loaded database changes nothing.
 * Features register their loaders here, in dependency order.
 */
export type ReferenceDataLoader = {
  name: string;
  load: (ds: DataSource, log: (message: string) => void) => Promise<void>;
};

export const REFERENCE_DATA_LOADERS: ReferenceDataLoader[] = [
  {
    name: 'localities',
    load: async (ds, log) => {
      const r = await importLocalities(ds);
      if (!r.skipped) log(`localities: ${r.changed} row(s) written in ${Math.round(r.ms)} ms (${r.localities} localities, ${r.successors} successor links)`);
    },
  },
  {
    name: 'units',
    load: async (ds, log) => {
      const r = await seedUnits(ds);
      if (!r.skipped) log(`units: seeded ${r.units} unit(s), ${r.coverage} coverage row(s), ${r.rules} routing rule(s)`);
    },
  },
];
