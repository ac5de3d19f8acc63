'use strict';
/**
 * Lets the benchmark scripts require the TypeScript test harness (test/harness, test/trigger)
 * outside jest: .ts files are transpiled on require, as ts-jest does in the tests. The harness
 * loads the COMPILED node from dist/, so build first (`npx tsc -p tsconfig.json`).
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
			fileName: filename,
		});
		module._compile(outputText, filename);
	};
}

/** require() of a project file given relative to the project root. */
const requireProject = (file) => require(path.join(ROOT, file));

module.exports = { requireProject };
