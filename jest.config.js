// Three projects: unit (pure, fast), integration (real Forge packages through the
// sandbox), e2e (Chromium through playwright-core). `npm test` runs all three.
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.check.json' }] };
const base = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };
module.exports = {
  // Jest 30 ignores testTimeout inside a project (e2e tests failed at the 5 s default), so set it here too.
  testTimeout: 120000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], testTimeout: 60000 },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testTimeout: 120000 },
  ],
};
