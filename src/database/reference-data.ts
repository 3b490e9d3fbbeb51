import type { DataSource } from 'typeorm';

/**
 * Loads the reference data a new installation needs (localities, units, routing rules...).
 * Each loader is idempotent: running it on a loaded database changes nothing.
 * Features register their loaders here, in dependency order.
 */
export type ReferenceDataLoader = {
  name: string;
  load: (ds: DataSource, log: (message: string) => void) => Promise<void>;
};

export const REFERENCE_DATA_LOADERS: ReferenceDataLoader[] = [];
