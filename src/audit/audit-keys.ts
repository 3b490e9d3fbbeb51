/** Injection token of the checkpoint signing key (an AuditSigningKey). */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');
