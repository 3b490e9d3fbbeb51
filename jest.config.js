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
  forceExit: false,
};
