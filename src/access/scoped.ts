/**
 * Handles the access kernel hands out. Each carries a brand whose key is a symbol this file does
 * not export, so no code outside src/access can write one down: a bare id, or an object literal
 * with the same fields, does not type-check where a handle is expected
 * (test/access/scoped-handles.spec.ts compiles such calls and expects them to fail).
 */
declare const caseBrand: unique symbol;
declare const hotspotBrand: unique symbol;

/** A case the caller may work on: proved in scope (or reached by a receipt) by the kernel. */
export interface ScopedCase {
  readonly id: string;
  readonly unitId: string;
  readonly dataKeyId: string;
  readonly [caseBrand]: true;
}

/** A hotspot the caller may see: proved in scope by the kernel. */
export interface ScopedHotspot {
  readonly id: string;
  readonly unitId: string;
  readonly [hotspotBrand]: true;
}
