/**
 * The shapes of a unit and of a coverage row as the routing policy reads them. They live here, in
 * the units feature, so that units never imports routing (routing reads units, not the reverse).
 */
export interface SnapUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
}
export interface SnapCoverage {
  unitId: string;
  localityCode: string;
  validFrom: string;
  validTo: string | null;
}
