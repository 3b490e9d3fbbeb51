/**
 * The SET list of a hand-written UPDATE of a case from a patch (pure: names and values in, SQL
 * text and parameters out). Column names come from the entity's metadata (`columnOf`), never from
 * the patch; every value is a parameter. Keys whose value is undefined are left out, as TypeORM's
 * update does (an undefined must never become NULL).
 */
export function patchAssignments(
  patch: Readonly<Record<string, unknown>>,
  columnOf: (property: string) => string | undefined,
  firstParam: number,
): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = columnOf(property);
    if (!column) throw new TypeError(`case patch: no column for property ${JSON.stringify(property)}`);
    params.push(value);
    sql.push(`"${column.replace(/"/g, '""')}" = $${firstParam + params.length - 1}`);
  }
  return { sql, params };
}
