/**
 * One jest run for all three tiers: unit specs beside the code (src/**.spec.ts), integration and
 * e2e tests (test/**). The global setup starts the embedded PostgreSQL (or uses DATABASE_URL) and
 * builds a migrated template database that every test file clones.
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.tsx?$',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
    // ESM-only dependencies that CommonJS jest cannot require (node itself can, from 20.19).
    '/node_modules/content-disposition/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS || 2,
  // How long a worker may take to end once its tests are done. Jest's 500 ms default was too short
  // here: traced with an IPC/exit hook, every worker reached process 'exit' within 20 ms of jest's
  // end message (no handle left open: no timer, socket, pool, SMTP server or job runner), yet the
  // OS took 0.5-2.7 s more to tear the process down at a load of 10-26 on 2 cores, so jest printed
  // "failed to exit gracefully" and killed it. A real leak (a ref'd setInterval in a spec, tried)
  // still gets that warning after this timeout.
  workerGracefulExitTimeout: 3000,
  forceExit: false,
};
