/** Unit, contract-suite and end-to-end tests; Solidity tests run under `hardhat test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@stackledger/(domain|event-store|merkle|projections|verifier|audit|data-integrity|chain|client)$': '<rootDir>/libs/$1/src',
    '^@stackledger/(domain|event-store|merkle|projections|verifier|audit|data-integrity|chain|client)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/support/chain.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/chain.global-teardown.ts',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
