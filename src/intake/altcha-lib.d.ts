// TypeScript's `node` module resolution ignores package `exports`; point it at altcha-lib's
// CommonJS typings (the runtime `require` export loads the same files).
declare module 'altcha-lib' {
  export * from 'altcha-lib/dist/cjs/v2/index';
}
declare module 'altcha-lib/algorithms/sha' {
  export * from 'altcha-lib/dist/cjs/v2/algorithms/sha';
}
