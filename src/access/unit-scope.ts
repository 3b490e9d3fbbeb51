/**
 * The units whose cases and tips a caller may see. Repositories of cases and tips take a scope
 * first and use it in every WHERE; an empty scope is refused here, because TypeORM drops
 * `undefined` from WHERE and an unscoped query would return everything.
 */
export class UnitScope {
  readonly unitIds: readonly string[];

  constructor(unitIds: readonly string[]) {
    if (!Array.isArray(unitIds) || unitIds.length === 0 || unitIds.some((id) => typeof id !== 'string' || id.length === 0)) {
      throw new Error('UnitScope needs at least one unit id');
    }
    this.unitIds = Object.freeze([...new Set(unitIds)]);
  }

  includes(unitId: string | null | undefined): boolean {
    return !!unitId && this.unitIds.includes(unitId);
  }
}
