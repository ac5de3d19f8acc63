/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	testTimeout: 30000,
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
	// Coverage (`npm test` runs jest --coverage): the tests load the COMPILED nodes from dist/
	// (test/harness/nodes.ts), so V8 measures dist/ and tsc's source maps carry every line and
	// branch back to nodes/ and credentials/ (.ts), which the report names.
	coverageProvider: 'v8',
	collectCoverageFrom: ['dist/nodes/**/*.js', 'dist/credentials/**/*.js'],
	// The summary ends the output; per file: npx jest --coverage --coverageReporters=text
	coverageReporters: ['text-summary', 'json-summary'],
};
