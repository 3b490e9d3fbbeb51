import { DataSource } from 'typeorm';
import { CaseFiguresRepository } from '../../src/case-figures/case-figures.repository';
import type { TestApp } from './test-app';

/**
 * Refreshes the report figures of cases whose rows, events or clocks a fixture wrote straight into
 * the tables (the app refreshes them in every transaction that changes a case; a fixture that goes
 * around the app must do the same, as the migration's backfill does for existing cases).
 */
export async function refreshCaseFigures(t: TestApp, caseIds: string[]): Promise<void> {
  await t.app.get(DataSource).transaction((m) => t.app.get(CaseFiguresRepository).refresh(m, caseIds));
}
