/** Jest: plain unit tests of the pure core, sandbox unit tests, and integration tests on the built script. */
process.env.TZ = 'Asia/Jakarta';
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/sandbox/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 60000,
};
